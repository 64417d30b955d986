#include "Keepers.h"

#include "HandleState.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"

using namespace clang;
using namespace clang::ento;

namespace {
struct KeptBy {
  SymbolRef Keeper;
  bool HasOption;
  int64_t Option;

  bool operator==(const KeptBy &O) const {
    return Keeper == O.Keeper && HasOption == O.HasOption &&
           Option == O.Option;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Keeper);
    ID.AddBoolean(HasOption);
    ID.AddInteger(Option);
  }
};
} // namespace

REGISTER_MAP_WITH_PROGRAMSTATE(Keepers, SymbolRef, KeptBy)

namespace poolguard {

ProgramStateRef keep(ProgramStateRef State, SymbolRef Kept, SymbolRef Keeper,
                     std::optional<int64_t> Option) {
  return State->set<Keepers>(Kept,
                             KeptBy{Keeper, Option.has_value(),
                                    Option.value_or(0)});
}

ProgramStateRef forgetKept(ProgramStateRef State, SymbolRef Kept) {
  return State->remove<Keepers>(Kept);
}

ProgramStateRef forgetKeptBy(ProgramStateRef State, SymbolRef Keeper,
                             std::optional<int64_t> Option) {
  for (const auto &E : State->get<Keepers>())
    if (E.second.Keeper == Keeper &&
        (!Option || (E.second.HasOption && E.second.Option == *Option)))
      State = State->remove<Keepers>(E.first);
  return State;
}

SymbolRef keeperOf(ProgramStateRef State, SymbolRef Kept) {
  const KeptBy *K = Kept ? State->get<Keepers>(Kept) : nullptr;
  return K ? K->Keeper : nullptr;
}

SymbolRef keeperOfMemory(ProgramStateRef State, const MemRegion *R) {
  SymbolRef Mem = memorySymbol(R);
  return Mem ? keeperOf(State, Mem) : nullptr;
}

llvm::SmallVector<SymbolRef, 2> keptBy(ProgramStateRef State,
                                       SymbolRef Keeper) {
  llvm::SmallVector<SymbolRef, 2> Out;
  for (const auto &E : State->get<Keepers>())
    if (E.second.Keeper == Keeper)
      Out.push_back(E.first);
  return Out;
}

llvm::SmallVector<std::pair<SymbolRef, SymbolRef>, 2>
keptMemory(ProgramStateRef State) {
  llvm::SmallVector<std::pair<SymbolRef, SymbolRef>, 2> Out;
  for (const auto &E : State->get<Keepers>())
    if (!E.second.HasOption)
      Out.emplace_back(E.first, E.second.Keeper);
  return Out;
}

ProgramStateRef forgetDeadKept(ProgramStateRef State, SymbolReaper &SR) {
  for (const auto &E : State->get<Keepers>())
    if (SR.isDead(E.second.Keeper) ||
        (SR.isDead(E.first) && !E.second.HasOption))
      State = State->remove<Keepers>(E.first);
  return State;
}

} // namespace poolguard
