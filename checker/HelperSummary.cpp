#include "HelperSummary.h"

#include "CallRoles.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include "llvm/ADT/DenseMap.h"

#include <optional>
#include <tuple>

using namespace clang;

namespace poolguard {

// Helpers of helpers are followed this deep; deeper is Unknown.
static constexpr unsigned MaxDepth = 3;

static ArgUse argUse(const FunctionDecl *FD, unsigned Param,
                     const RuleSet &Rules, unsigned Depth);

static ArgUse worse(ArgUse A, ArgUse B) {
  return static_cast<int>(A) == 0 || static_cast<int>(B) == 0
             ? ArgUse::Unknown
             : std::max(A, B);
}

// What call CE does with its argument I under the rules.
static ArgUse callArgUse(const CallExpr *CE, unsigned I, const RuleSet &Rules,
                         unsigned Depth) {
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee)
    return ArgUse::Unknown;
  if (const pg_function *F = declRoles(Callee, Rules)) {
    auto Is = [I](int Arg) { return Arg == static_cast<int>(I); };
    // Reading the body changes what the caller holds in ways a summary
    // does not follow (to its end or not): like any other change, Unknown.
    if ((F->release && Is(F->release->arg)) ||
        (F->close && Is(F->close->arg)) ||
        (F->read && Is(F->read->arg)) ||
        (F->read_to_end && Is(F->read_to_end->arg)) ||
        (F->open_body && Is(F->open_body->arg)) ||
        (F->transfer && Is(F->transfer->arg)) ||
        (F->joins_pool && Is(F->joins_pool->arg)) ||
        Is(F->frees_memory_arg) || Is(F->returns_arg) || Is(F->reset_arg) ||
        Is(F->drops_connection_arg) || Is(F->adds_reference_arg))
      return ArgUse::Unknown;
    for (size_t A = 0; A < F->nacquire; ++A)
      if (Is(F->acquire[A].out_arg))
        return ArgUse::Unknown;
    if (F->configure && Is(F->configure->arg))
      return ArgUse::Configures;
    return ArgUse::Borrows;
  }
  if (Rules.isModeled(Callee))
    return ArgUse::Borrows;
  const FunctionDecl *Def = nullptr;
  if (Depth < MaxDepth && Callee->hasBody(Def) && I < Def->getNumParams())
    return argUse(Def, I, Rules, Depth + 1);
  return ArgUse::Unknown;
}

// What a mention of the parameter stands in, through parentheses and
// pointer casts (`(GObject *) in`): Parent, with Child the expression
// directly under it.
static void climbCasts(const Expr *Ref, const ParentMap &PM,
                       const Stmt *&Child, const Stmt *&Parent) {
  Child = Ref;
  Parent = PM.getParent(Ref);
  while (Parent && (isa<ImplicitCastExpr, ParenExpr>(Parent) ||
                    (isa<CStyleCastExpr>(Parent) &&
                     cast<CastExpr>(Parent)->getType()->isPointerType()))) {
    Child = Parent;
    Parent = PM.getParent(Parent);
  }
}

// The argument position Child has in CE, if it is one.
static std::optional<unsigned> argIndex(const CallExpr *CE,
                                        const Stmt *Child) {
  for (unsigned I = 0, E = CE->getNumArgs(); I < E; ++I)
    if (CE->getArg(I) == Child)
      return I;
  return std::nullopt;
}

// One mention of the parameter: an argument of a call, or a test.
static ArgUse mentionUse(const Expr *Ref, ParentMap &PM, const RuleSet &Rules,
                         unsigned Depth) {
  const Stmt *Child, *P;
  climbCasts(Ref, PM, Child, P);
  if (const auto *CE = dyn_cast_or_null<CallExpr>(P)) {
    if (auto I = argIndex(CE, Child))
      return callArgUse(CE, *I, Rules, Depth);
    return ArgUse::Unknown; // the callee itself
  }
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(P))
    if (UO->getOpcode() == UO_LNot)
      return ArgUse::Borrows;
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P))
    if (BO->isEqualityOp() || BO->isLogicalOp())
      return ArgUse::Borrows;
  // `if (h)`, `while (h)`, `h ? a : b`: a test.
  if (P && (isa<IfStmt, WhileStmt, DoStmt, ForStmt>(P) ||
            (isa<ConditionalOperator>(P) &&
             cast<ConditionalOperator>(P)->getCond() == Child)))
    return ArgUse::Borrows;
  return ArgUse::Unknown;
}

namespace {
struct MentionFinder {
  const ParmVarDecl *Param;
  llvm::SmallVector<const DeclRefExpr *, 4> Found;
  void visit(const Stmt *S) {
    if (!S)
      return;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (DRE->getDecl() == Param)
        Found.push_back(DRE);
    for (const Stmt *Child : S->children())
      visit(Child);
  }
};
} // namespace

static ArgUse argUse(const FunctionDecl *FD, unsigned Param,
                     const RuleSet &Rules, unsigned Depth) {
  static llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, ArgUse>
      Memo;
  auto Key = std::make_pair(FD->getCanonicalDecl(), Param);
  auto It = Memo.find(Key);
  if (It != Memo.end())
    return It->second;
  // A recursive helper asks about itself: Unknown until known.
  Memo[Key] = ArgUse::Unknown;
  const Stmt *Body = FD->getBody();
  ArgUse Use = ArgUse::Unknown;
  if (Body && Param < FD->getNumParams() &&
      FD->getParamDecl(Param)->getType()->isPointerType()) {
    ParentMap PM(const_cast<Stmt *>(Body));
    MentionFinder Finder{FD->getParamDecl(Param), {}};
    Finder.visit(Body);
    Use = ArgUse::Borrows;
    for (const DeclRefExpr *Ref : Finder.Found) {
      Use = worse(Use, mentionUse(Ref, PM, Rules, Depth));
      if (Use == ArgUse::Unknown)
        break;
    }
  }
  Memo[Key] = Use;
  return Use;
}

static bool requests(const FunctionDecl *FD, unsigned Param,
                     const RuleSet &Rules, unsigned Depth) {
  const Stmt *Body = FD->getBody();
  if (!Body || Param >= FD->getNumParams() || Depth > MaxDepth)
    return false;
  ParentMap PM(const_cast<Stmt *>(Body));
  MentionFinder Finder{FD->getParamDecl(Param), {}};
  Finder.visit(Body);
  for (const DeclRefExpr *Ref : Finder.Found) {
    const Stmt *Child, *P;
    climbCasts(Ref, PM, Child, P);
    const auto *CE = dyn_cast_or_null<CallExpr>(P);
    const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
    std::optional<unsigned> I = Callee ? argIndex(CE, Child) : std::nullopt;
    if (!I)
      continue;
    if (const pg_function *F = declRoles(Callee, Rules)) {
      if (F->request_arg == static_cast<int>(*I))
        return true;
      continue;
    }
    const FunctionDecl *Def = nullptr;
    if (Callee->hasBody(Def) && requests(Def, *I, Rules, Depth + 1))
      return true;
  }
  return false;
}

bool helperRequests(const FunctionDecl *FD, unsigned Param,
                    const RuleSet &Rules) {
  static llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, bool> Memo;
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def))
    return false;
  auto Key = std::make_pair(Def->getCanonicalDecl(), Param);
  auto It = Memo.find(Key);
  if (It != Memo.end())
    return It->second;
  Memo[Key] = false; // recursion
  bool R = requests(Def, Param, Rules, 0);
  Memo[Key] = R;
  return R;
}

ArgUse helperArgUse(const FunctionDecl *FD, unsigned Param,
                    const RuleSet &Rules) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def))
    return ArgUse::Unknown;
  return argUse(Def, Param, Rules, 0);
}

} // namespace poolguard
