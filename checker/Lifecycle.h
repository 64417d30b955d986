// The lifecycle engine: one path-sensitive model of every handle the rules
// describe, shared by all poolguard checkers. The checkers themselves are
// names and bug types; what a call does comes from the rule model.
//
// Each handle is a symbol in the program state, in one of these states:
//
//                      acquire (rule, or acquire_handle attribute)
//                                    |
//     failure certain (fails-when)   v
//   (dropped) <------------------  Owned  ------------------.
//                                 |  |  ^                   | transfer, store to
//                  release        |  |  | failure certain   | caller-visible
//            .--------------------'  |  | (pending transfer)| memory, unknown
//            v                       |  |                   v callee
//        Released                    |  '---------------- Escaped
//            |                       |                      |
//            | modeled call, release | symbol dies          | release
//            v                       v                      v
//     UseAfterRelease       HandleLeak, unless a       Released (tracking
//       (sink)             cleanup variable holds it    resumes, so a second
//                                                       release is caught)
//
// Failure: an acquisition records the symbol that decides it failed (the
// handle itself for `fails-when: null`, the return code for out-params).
// While that symbol is unconstrained the handle counts as owned, exactly like
// malloc's result; once the path assumes failure, the handle is dropped (or,
// for a transfer that only happens on success, returned to Owned).
//
// Borrowing: CSA treats a pointer passed to an unknown function as escaped.
// Calls into a modeled library (an entry or a borrow prefix in the rules)
// never make a handle escape unless their rule says `transfer`.
//
// Cleanup attributes: CSA does not run __attribute__((cleanup(f))). When a
// handle is bound to such a variable and f reaches a modeled release, the
// handle is "held by a cleanup": its death is the release at scope exit.
#ifndef POOLGUARD_LIFECYCLE_H
#define POOLGUARD_LIFECYCLE_H

#include "Checkers.h"
#include "Compat.h"
#include "DataCallbacks.h"
#include "RuleSet.h"

#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"

#include <memory>

namespace poolguard {

struct Handle;
struct PendingNotes;

// The lifecycle record of Sym on this path, or null when Sym is not a handle
// acquired on it (a parameter, a global, a struct field of unknown origin).
// Other engines use it to tell handles of known origin.
const Handle *trackedHandle(clang::ento::ProgramStateRef State,
                            clang::ento::SymbolRef Sym);

// Whether a handle followed on this path was acquired for request Sym (its
// Peer: the SoupMessage a stream was sent for).
bool isPeerOfTracked(clang::ento::ProgramStateRef State,
                     clang::ento::SymbolRef Sym);

// Sym is passed directly to a function defined in this file whose body
// only borrows (or configures) that argument: a call the analyzer did not
// inline, which is no escape (HelperSummary.h).
bool borrowedByHelper(const clang::ento::CallEvent &Call,
                      clang::ento::SymbolRef Sym,
                      clang::ento::PointerEscapeKind Kind,
                      const RuleSet &Rules);

// Every place that holds Sym on this path (a local and a struct field, say).
llvm::SmallVector<const clang::ento::MemRegion *, 2>
holdersOf(clang::ento::ProgramStateRef State, clang::ento::SymbolRef Sym);

class LifecycleEngine
    : public clang::ento::Checker<
          clang::ento::check::PreCall, clang::ento::check::PostCall,
          clang::ento::check::Bind, clang::ento::check::DeadSymbols,
          clang::ento::check::LiveSymbols,
          clang::ento::check::PointerEscape, clang::ento::eval::Assume,
          clang::ento::check::ASTDecl<clang::TranslationUnitDecl>,
          clang::ento::check::PreStmt<clang::ReturnStmt>,
          clang::ento::check::EndFunction,
          clang::ento::eval::Call> {
public:
  const RuleSet *Rules = nullptr;
  CheckSet Reports;

  bool evalCall(const clang::ento::CallEvent &Call,
                clang::ento::CheckerContext &C) const;
  void checkPreCall(const clang::ento::CallEvent &Call,
                    clang::ento::CheckerContext &C) const;
  void checkPostCall(const clang::ento::CallEvent &Call,
                     clang::ento::CheckerContext &C) const;
  void checkBind(clang::ento::SVal Loc, clang::ento::SVal Val,
                 const clang::Stmt *S PG_BIND_EXTRA_PARAM,
                 clang::ento::CheckerContext &C) const;
  void checkEndFunction(const clang::ReturnStmt *RS,
                        clang::ento::CheckerContext &C) const;
  void checkDeadSymbols(clang::ento::SymbolReaper &SR,
                        clang::ento::CheckerContext &C) const;
  void checkLiveSymbols(clang::ento::ProgramStateRef State,
                        clang::ento::SymbolReaper &SR) const;
  clang::ento::ProgramStateRef
  checkPointerEscape(clang::ento::ProgramStateRef State,
                     const clang::ento::InvalidatedSymbols &Escaped,
                     const clang::ento::CallEvent *Call,
                     clang::ento::PointerEscapeKind Kind) const;
  clang::ento::ProgramStateRef evalAssume(clang::ento::ProgramStateRef State,
                                          clang::ento::SVal Cond,
                                          bool Assumption) const;
  // Data callbacks (DataCallbacks.h): found before the analysis, checked at
  // their returns.
  void checkASTDecl(const clang::TranslationUnitDecl *TU,
                    clang::ento::AnalysisManager &Mgr,
                    clang::ento::BugReporter &BR) const;
  void checkPreStmt(const clang::ReturnStmt *RS,
                    clang::ento::CheckerContext &C) const;

private:
  mutable DataCallbacks Callbacks;
  const pg_function *rolesOf(const clang::ento::CallEvent &Call) const;
  clang::ento::ProgramStateRef
  applyRelease(clang::ento::ProgramStateRef State, const pg_function *F,
               const clang::ento::CallEvent &Call, PendingNotes &Notes) const;
  clang::ento::ProgramStateRef
  applyBodyRoles(clang::ento::ProgramStateRef State, const pg_function *F,
                 const clang::ento::CallEvent &Call, PendingNotes &Notes,
                 clang::ento::CheckerContext &C) const;
  clang::ento::ProgramStateRef
  applyTransfer(clang::ento::ProgramStateRef State, const pg_function *F,
                const clang::ento::CallEvent &Call) const;
  clang::ento::ProgramStateRef
  applyAcquire(clang::ento::ProgramStateRef State, const pg_function *F,
               const clang::ento::CallEvent &Call, PendingNotes &Notes) const;
};

} // namespace poolguard

#endif
