#include "NewMemory.h"

#include "HandleState.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"

using namespace clang;
using namespace clang::ento;

REGISTER_SET_WITH_PROGRAMSTATE(NewMemorySet, SymbolRef)
// New memory a handle keeps a pointer to (CURLOPT_PRIVATE): memory -> handle.
REGISTER_MAP_WITH_PROGRAMSTATE(MemoryKeepers, SymbolRef, SymbolRef)

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
  return State->remove<NewMemorySet>(Sym)->remove<MemoryKeepers>(Sym);
}

ProgramStateRef forgetDeadNewMemory(ProgramStateRef State, SymbolReaper &SR) {
  for (SymbolRef Sym : State->get<NewMemorySet>())
    if (SR.isDead(Sym))
      State = forgetNewMemory(State, Sym);
  return State;
}

ProgramStateRef keepMemory(ProgramStateRef State, SymbolRef Mem,
                           SymbolRef Keeper) {
  return State->set<MemoryKeepers>(Mem, Keeper);
}

SymbolRef keeperOf(ProgramStateRef State, const MemRegion *R) {
  const auto *SR =
      R ? dyn_cast<SymbolicRegion>(R->getBaseRegion()->StripCasts()) : nullptr;
  const SymbolRef *K = SR ? State->get<MemoryKeepers>(SR->getSymbol()) : nullptr;
  return K ? *K : nullptr;
}

} // namespace poolguard
