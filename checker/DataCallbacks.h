// Data callbacks: functions the program hands to the library to receive
// response data (the rules' `effect: data-callback`, CURLOPT_WRITEFUNCTION).
// A callback that returns anything but the amount it was given aborts the
// transfer, and the library closes the connection instead of keeping it for
// reuse: the body was released before it was read to the end, so these are
// PartialRead findings.
//
// The callback is checked where it is analyzed as a top-level function, at
// each return, against its own parameters. A return on an error path (the
// path assumed a call in the callback failed: a NULL pointer, any outcome of
// an integer result such as a short fwrite) is an intended abort.
#ifndef POOLGUARD_DATACALLBACKS_H
#define POOLGUARD_DATACALLBACKS_H

#include "Checkers.h"
#include "RuleSet.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "llvm/ADT/DenseMap.h"

namespace clang {
class CallExpr;
class ReturnStmt;
class TranslationUnitDecl;
} // namespace clang

namespace poolguard {

class DataCallbacks {
public:
  // Finds the callbacks this translation unit sets. An AST pass, run before
  // any function is analyzed: the setter may be analyzed after the callback.
  void collect(const clang::TranslationUnitDecl *TU, const RuleSet &Rules);

  // What the path knows about a callback's parameters (`nmemb == 0`) must
  // outlive their last use: a return compares against them.
  void keepParamsAlive(clang::ento::ProgramStateRef State,
                       clang::ento::SymbolReaper &SR) const;

  void checkReturn(const clang::ReturnStmt *RS, clang::ento::CheckerContext &C,
                   const CheckSet &Reports) const;

  // Where a function was set as a callback.
  struct Use {
    const pg_function *Setter;
    const pg_option *Opt;
    const clang::CallExpr *SetAt;
    const clang::FunctionDecl *SetIn; // the function that contains SetAt
  };

private:
  llvm::DenseMap<const clang::FunctionDecl *, Use> Callbacks;
};

} // namespace poolguard

#endif
