// How the engine turns a finding into a bug report: the message, the notes
// and the fix-it. Kept apart from the state machine so later checkers reuse it.
#ifndef POOLGUARD_REPORTS_H
#define POOLGUARD_REPORTS_H

#include "HandleState.h"
#include "RuleSet.h"

#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"

#include <memory>
#include <string>

namespace poolguard {

// "curl_easy_cleanup({})" -> "curl_easy_cleanup"; empty when none.
std::string templateCallee(const char *Template);
// Code as a statement: a template that is an expression gets its ';'.
std::string asStatement(std::string Code);
// Replace each "{}" in Template with Handle.
std::string instantiate(const char *Template, llvm::StringRef Handle);

// How a report names a handle: the expression that holds it ("h",
// "f.easy") and the variable that expression lives in (for fix-its).
struct HandleName {
  std::string Expr;
  const clang::VarDecl *Var = nullptr;
  // Expr still names the handle where the report is: a fix-it may use it.
  bool Current = false;
};
HandleName nameHandle(const Handle &H, clang::ento::SymbolRef Sym,
                      const clang::ento::ExplodedNode *N);

// One report per handle that leaks at ErrNode. Handles that leak at the
// same exit share one fix-it (on the first of their reports) that releases
// them all.
llvm::SmallVector<std::unique_ptr<clang::ento::PathSensitiveBugReport>, 2>
makeLeakReports(
    const clang::ento::BugType &BT,
    llvm::ArrayRef<std::pair<clang::ento::SymbolRef, Handle>> Leaks,
    const RuleSet &Rules, clang::ento::ExplodedNode *ErrNode,
    clang::ento::CheckerContext &C);

// NULL given to a release that does not take it (the rules' null-ok: false).
std::unique_ptr<clang::ento::PathSensitiveBugReport>
makeNullReleaseReport(const clang::ento::BugType &BT,
                      const clang::ento::CallEvent &Call, int Arg,
                      clang::ento::ExplodedNode *ErrNode);

// A release of a handle a call took for good (soup_session_queue_message):
// the library's reference is dropped under it.
std::unique_ptr<clang::ento::PathSensitiveBugReport>
makeReleaseAfterTransferReport(const clang::ento::BugType &BT, const Handle &H,
                               clang::ento::SymbolRef Sym,
                               const clang::ento::CallEvent &Call,
                               clang::ento::ExplodedNode *ErrNode);

std::unique_ptr<clang::ento::PathSensitiveBugReport>
makeUseAfterReleaseReport(const clang::ento::BugType &BT, const Handle &H,
                          clang::ento::SymbolRef Sym, bool IsRelease,
                          const clang::ento::CallEvent *Call,
                          clang::ento::ExplodedNode *ErrNode);

// A body closed or released (by Call, whose roles are F, or by its cleanup
// attribute when Call is null) while it may still hold unread data.
std::unique_ptr<clang::ento::PathSensitiveBugReport>
makePartialReadReport(const clang::ento::BugType &BT, const Handle &H,
                      clang::ento::SymbolRef Sym,
                      const clang::ento::CallEvent *Call, const pg_function *F,
                      const RuleSet &Rules,
                      clang::ento::ExplodedNode *ErrNode,
                      clang::ento::CheckerContext &C);

} // namespace poolguard

#endif
