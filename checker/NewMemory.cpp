#include "NewMemory.h"

#include "HandleState.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"

using namespace clang;
using namespace clang::ento;

REGISTER_SET_WITH_PROGRAMSTATE(NewMemorySet, SymbolRef)
// What a handle keeps a pointer to (new memory given as CURLOPT_PRIVATE, a
// header list given as CURLOPT_HTTPHEADER) -> that handle.
REGISTER_MAP_WITH_PROGRAMSTATE(Keepers, SymbolRef, SymbolRef)

namespace poolguard {

ProgramStateRef noteNewMemory(ProgramStateRef State, const pg_function *F,
                              const CallEvent &Call) {
  if (!F->new_memory)
    return State;
  SymbolRef Sym = handleSymbol(Call.getReturnValue());
  return Sym ? State->add<NewMemorySet>(Sym) : State;
}

bool isNewMemory(ProgramStateRef State, SymbolRef Sym) {
  return Sym && State->contains<NewMemorySet>(Sym);
}

bool liesIn(const MemRegion *R, SymbolRef Mem) {
  const auto *SR =
      R ? dyn_cast<SymbolicRegion>(R->getBaseRegion()->StripCasts()) : nullptr;
  return SR && Mem && SR->getSymbol() == Mem;
}

SymbolRef newMemoryOf(ProgramStateRef State, const MemRegion *R) {
  const auto *SR =
      R ? dyn_cast<SymbolicRegion>(R->getBaseRegion()->StripCasts()) : nullptr;
  return SR && isNewMemory(State, SR->getSymbol()) ? SR->getSymbol() : nullptr;
}

ProgramStateRef forgetNewMemory(ProgramStateRef State, SymbolRef Sym) {
  return State->remove<NewMemorySet>(Sym)->remove<Keepers>(Sym);
}

ProgramStateRef forgetDeadNewMemory(ProgramStateRef State, SymbolReaper &SR) {
  for (SymbolRef Sym : State->get<NewMemorySet>())
    if (SR.isDead(Sym))
      State = forgetNewMemory(State, Sym);
  for (const auto &Entry : State->get<Keepers>())
    if (SR.isDead(Entry.first))
      State = State->remove<Keepers>(Entry.first);
  return State;
}

ProgramStateRef keep(ProgramStateRef State, SymbolRef Kept, SymbolRef Keeper) {
  return State->set<Keepers>(Kept, Keeper);
}

ProgramStateRef forgetKept(ProgramStateRef State, SymbolRef Kept) {
  return State->remove<Keepers>(Kept);
}

SymbolRef keeperOf(ProgramStateRef State, SymbolRef Kept) {
  const SymbolRef *K = Kept ? State->get<Keepers>(Kept) : nullptr;
  return K ? *K : nullptr;
}

SymbolRef keeperOfMemory(ProgramStateRef State, const MemRegion *R) {
  const auto *SR =
      R ? dyn_cast<SymbolicRegion>(R->getBaseRegion()->StripCasts()) : nullptr;
  return SR ? keeperOf(State, SR->getSymbol()) : nullptr;
}

} // namespace poolguard
