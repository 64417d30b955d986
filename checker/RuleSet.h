// The rule model as the plugin sees it: the built-in rule files plus the
// user's, loaded once per process and looked up by callee name.
#ifndef POOLGUARD_RULESET_H
#define POOLGUARD_RULESET_H

#include "poolguard/rules.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include "clang/AST/Type.h"

namespace clang {
class DiagnosticsEngine;
class FunctionDecl;
} // namespace clang

namespace poolguard {

// The file names of a Rules list, split at ':' and ',' and trimmed; empty
// names are kept (for an error), and a blank list has none.
llvm::SmallVector<llvm::StringRef, 4> splitRuleFiles(llvm::StringRef UserFiles);

// Whether a release (or close) rule applies to handles of Kind.
bool releaseAccepts(const pg_release *Rel, const pg_kind *Kind);

class RuleSet {
public:
  // Loads the built-in files, then each file of the list, in order. Files
  // are separated by ':' or ',' (clang splits -analyzer-config at commas,
  // so --analyze users need ':'). Errors, an empty file name among them, go
  // to Diags as compiler errors; the result is then null so that a broken
  // rule file never turns into a silent pass.
  static const RuleSet *load(llvm::StringRef UserFiles,
                             clang::DiagnosticsEngine &Diags);

  const pg_function *function(const clang::FunctionDecl *FD) const;
  // A call into a modeled library: it has an entry or a borrow prefix.
  bool isModeled(const clang::FunctionDecl *FD) const;
  const pg_rules *raw() const { return Rules; }
  // The body kind whose C type is T as written ("ne_request *"), if any:
  // for bodies opened on a handle this path did not acquire.
  const pg_kind *bodyKindForType(clang::QualType T) const;

private:
  explicit RuleSet(pg_rules *R) : Rules(R) {}
  pg_rules *Rules;
};

} // namespace poolguard

#endif
