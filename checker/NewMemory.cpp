#include "NewMemory.h"

#include "HandleState.h"
#include "Keepers.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"

using namespace clang;
using namespace clang::ento;

REGISTER_SET_WITH_PROGRAMSTATE(NewMemorySet, SymbolRef)

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
  return Mem && memorySymbol(R) == Mem;
}

SymbolRef newMemoryOf(ProgramStateRef State, const MemRegion *R) {
  SymbolRef Mem = memorySymbol(R);
  return isNewMemory(State, Mem) ? Mem : nullptr;
}

ProgramStateRef forgetNewMemory(ProgramStateRef State, SymbolRef Sym) {
  return forgetKept(State->remove<NewMemorySet>(Sym), Sym);
}

ProgramStateRef forgetDeadNewMemory(ProgramStateRef State, SymbolReaper &SR) {
  for (SymbolRef Sym : State->get<NewMemorySet>())
    if (SR.isDead(Sym))
      State = forgetNewMemory(State, Sym);
  return State;
}

} // namespace poolguard
