#include "CleanupAttr.h"
#include "CallRoles.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"

using namespace clang;

namespace poolguard {

// Cleanup chains are short (g_autoptr: three inline functions deep); the
// bound only keeps odd code from costing more than it is worth.
static constexpr unsigned MaxDepth = 6;

static bool reachesRelease(const Stmt *S, const pg_kind *Kind,
                           const RuleSet &Rules, unsigned Depth);

static bool functionReleases(const FunctionDecl *FD, const pg_kind *Kind,
                             const RuleSet &Rules, unsigned Depth) {
  if (!FD)
    return false;
  if (const pg_function *F = declRoles(FD, Rules))
    if (F->release && releaseAccepts(F->release, Kind))
      return true;
  const FunctionDecl *Def = nullptr;
  if (Depth >= MaxDepth || !FD->hasBody(Def))
    return false;
  return reachesRelease(Def->getBody(), Kind, Rules, Depth + 1);
}

static bool reachesRelease(const Stmt *S, const pg_kind *Kind,
                           const RuleSet &Rules, unsigned Depth) {
  if (!S)
    return false;
  if (const auto *CE = dyn_cast<CallExpr>(S))
    if (functionReleases(CE->getDirectCallee(), Kind, Rules, Depth))
      return true;
  for (const Stmt *Child : S->children())
    if (reachesRelease(Child, Kind, Rules, Depth))
      return true;
  return false;
}

static const CompoundStmt *declaringBlock(const VarDecl *VD, const Stmt *S,
                                         const Stmt *Body) {
  const auto *CS = dyn_cast_or_null<CompoundStmt>(S);
  if (CS && CS != Body)
    for (const Stmt *Child : CS->body())
      if (const auto *DS = dyn_cast<DeclStmt>(Child))
        if (llvm::is_contained(DS->decls(), VD))
          return CS;
  if (!S)
    return nullptr;
  for (const Stmt *Child : S->children())
    if (const CompoundStmt *Found = declaringBlock(VD, Child, Body))
      return Found;
  return nullptr;
}

const CompoundStmt *innerScopeOf(const VarDecl *Var) {
  static llvm::DenseMap<const VarDecl *, const CompoundStmt *> Memo;
  auto It = Memo.find(Var);
  if (It != Memo.end())
    return It->second;
  const auto *FD =
      Var ? dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod())
          : nullptr;
  const Stmt *Body = FD ? FD->getBody() : nullptr;
  const CompoundStmt *Scope = Body ? declaringBlock(Var, Body, Body) : nullptr;
  Memo[Var] = Scope;
  return Scope;
}

bool cleanupReleases(const VarDecl *Var, const pg_kind *Kind,
                     const RuleSet &Rules) {
  const auto *Attr = Var ? Var->getAttr<CleanupAttr>() : nullptr;
  if (!Attr)
    return false;
  // The same cleanup function is asked about again on every path.
  static llvm::DenseMap<std::pair<const FunctionDecl *, const pg_kind *>, bool>
      Memo;
  auto Key = std::make_pair(Attr->getFunctionDecl(), Kind);
  auto It = Memo.find(Key);
  if (It != Memo.end())
    return It->second;
  bool Releases = functionReleases(Attr->getFunctionDecl(), Kind, Rules, 0);
  Memo[Key] = Releases;
  return Releases;
}

} // namespace poolguard
