// Fix-its of the client-configuration checkers. The text comes from the
// rules' `fix` templates ({} is the handle, {value} the value) or from the
// constructor's property list; where to put it comes from SourceEdits.h.
// Each builder returns no hint when the edit would not be plainly right
// (the handle has no name in scope there, a macro, an unbraced branch).
#ifndef POOLGUARD_CLIENTFIXITS_H
#define POOLGUARD_CLIENTFIXITS_H

#include "ClientState.h"
#include "ConfigRules.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

namespace poolguard {

using Fixes = llvm::SmallVector<clang::FixItHint, 2>;

// Opt's fix template, as a line before the statement that holds At (a call
// in Frame): NoTimeout inserts the timeout before the request, or before
// the call that added the handle to its pool.
Fixes insertOptionBefore(const pg_option &Opt, int64_t Value,
                         clang::ento::SymbolRef Sym, const clang::Expr *At,
                         const clang::StackFrameContext *Frame,
                         clang::ento::CheckerContext &C,
                         const clang::ento::MemRegion *Holder = nullptr);

// Opt's fix template, as a line after the statement that created the
// handle: PoolLimits' limit for a multi handle.
Fixes insertOptionAfterCreation(const pg_option &Opt, int64_t Value,
                                clang::ento::SymbolRef Sym,
                                const ClientRecord &R,
                                clang::ento::CheckerContext &C);

// Removes each configure call (ReuseDisabled), when it is a statement of
// its own that sets only that option.
Fixes removeSettingCalls(llvm::ArrayRef<OptionSetting> Settings,
                         clang::ento::CheckerContext &C);

struct PropertyValue {
  const char *Name;
  std::string Text;
};

// Gives each property its value in the call that created R: the
// constructor's property list gets (or changes) the pairs, or a constructor
// without one becomes the kind's property-list constructor
// (soup_session_new() -> soup_session_new_with_options("name", N, NULL)).
// Empty unless every property can be placed.
Fixes propertiesAtConstruction(const ClientRecord &R,
                               llvm::ArrayRef<PropertyValue> Props,
                               clang::ento::CheckerContext &C,
                               const ConfigModel &M);

// Removes the options' names and values from a property-list setter call
// (the whole statement when it sets nothing else).
Fixes removeProperties(const clang::ento::CallEvent &Call,
                       const pg_configure &Cfg,
                       llvm::ArrayRef<ConfiguredOption> Opts,
                       clang::ento::CheckerContext &C);

// The value argument's text if it means the same at the constructor: a
// literal, an enumerator, a parameter of the constructor's function or a
// global.
std::optional<std::string> portableValue(const clang::Expr *E,
                                         const ClientRecord &R,
                                         clang::ento::CheckerContext &C);

} // namespace poolguard

#endif
