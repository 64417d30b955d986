// Memory the path allocated itself (the rules' `new-memory`: malloc,
// g_new0) that nothing else can reach yet. A handle stored in a field of it
// is still this function's to release: CSA would count the store as an
// escape (the memory is not a local), and `free(c)` on an error path that
// forgot `c->easy` would go unseen. The memory stops being new when it is
// handed on (stored where others can reach it, passed to unknown code or as
// a callback's user data); the handles it holds escape with it. Given to a
// handle the function owns (`CURLOPT_PRIVATE, c`), it is kept by that
// handle: reachable through it while the library has it.
#ifndef POOLGUARD_NEWMEMORY_H
#define POOLGUARD_NEWMEMORY_H

#include "poolguard/rules.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SymbolManager.h"

namespace poolguard {

// After a `new-memory` call: its result is new memory.
clang::ento::ProgramStateRef noteNewMemory(clang::ento::ProgramStateRef State,
                                           const pg_function *F,
                                           const clang::ento::CallEvent &Call);

bool isNewMemory(clang::ento::ProgramStateRef State, clang::ento::SymbolRef Sym);

// The new memory R lies in (c->easy: the symbol c points to), or null.
clang::ento::SymbolRef newMemoryOf(clang::ento::ProgramStateRef State,
                                   const clang::ento::MemRegion *R);

// Whether R lies in the memory Mem points to.
bool liesIn(const clang::ento::MemRegion *R, clang::ento::SymbolRef Mem);

clang::ento::ProgramStateRef
forgetNewMemory(clang::ento::ProgramStateRef State, clang::ento::SymbolRef Sym);
clang::ento::ProgramStateRef
forgetDeadNewMemory(clang::ento::ProgramStateRef State,
                    clang::ento::SymbolReaper &SR);

} // namespace poolguard

#endif
