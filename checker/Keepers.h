// What a handle keeps a pointer to: a header list given as an option's value
// (`curl_easy_setopt(h, CURLOPT_HTTPHEADER, list)`), or memory the function
// allocated given as user data (`CURLOPT_PRIVATE, c`). The keeper uses it
// until it is released, reset or given another value for that option:
// - a kept handle that dies while the keeper is the program's comes back,
//   and is lost, when the keeper is released (its leak is not reported
//   right after the setopt, where freeing it would break the transfer);
// - a kept handle released while still set is used by the keeper's next
//   request (UseAfterRelease).
#ifndef POOLGUARD_KEEPERS_H
#define POOLGUARD_KEEPERS_H

#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SymbolManager.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <optional>

namespace poolguard {

// Kept by Keeper through Option (the option's value, when the path knows
// it), or as user data (no option).
clang::ento::ProgramStateRef keep(clang::ento::ProgramStateRef State,
                                  clang::ento::SymbolRef Kept,
                                  clang::ento::SymbolRef Keeper,
                                  std::optional<int64_t> Option = std::nullopt);
clang::ento::ProgramStateRef forgetKept(clang::ento::ProgramStateRef State,
                                        clang::ento::SymbolRef Kept);
// Keeper no longer keeps what it kept through Option (a new value for it),
// or anything (a reset).
clang::ento::ProgramStateRef
forgetKeptBy(clang::ento::ProgramStateRef State, clang::ento::SymbolRef Keeper,
             std::optional<int64_t> Option = std::nullopt);
clang::ento::SymbolRef keeperOf(clang::ento::ProgramStateRef State,
                                clang::ento::SymbolRef Kept);
// The handle keeping the memory R lies in, or null.
clang::ento::SymbolRef keeperOfMemory(clang::ento::ProgramStateRef State,
                                      const clang::ento::MemRegion *R);
llvm::SmallVector<clang::ento::SymbolRef, 2>
keptBy(clang::ento::ProgramStateRef State, clang::ento::SymbolRef Keeper);
// Memory kept as user data (no option), with its keeper.
llvm::SmallVector<std::pair<clang::ento::SymbolRef, clang::ento::SymbolRef>, 2>
keptMemory(clang::ento::ProgramStateRef State);
// Forgets what dead keepers kept, and dead symbols kept by dead keepers.
clang::ento::ProgramStateRef forgetDeadKept(clang::ento::ProgramStateRef State,
                                            clang::ento::SymbolReaper &SR);

} // namespace poolguard

#endif
