#include "DataCallbacks.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Lex/Lexer.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/RangedConstraintManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SValBuilder.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

#include <string>

using namespace clang;
using namespace clang::ento;

namespace poolguard {

// ---- Finding the callbacks --------------------------------------------------

static llvm::StringRef enumeratorName(const Expr *E) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts()))
    if (const auto *EC = dyn_cast<EnumConstantDecl>(DRE->getDecl()))
      return EC->getName();
  return "";
}

// The data-callback option a configure call sets, if any.
static const pg_option *callbackOption(const pg_configure &Cfg,
                                       const CallExpr *CE) {
  llvm::StringRef Name;
  if (Cfg.style == PG_STYLE_OPTION) {
    if (Cfg.option_arg < 0 ||
        static_cast<unsigned>(Cfg.option_arg) >= CE->getNumArgs())
      return nullptr;
    Name = enumeratorName(CE->getArg(Cfg.option_arg));
    if (Name.empty())
      return nullptr;
  } else if (Cfg.style != PG_STYLE_VALUE) {
    return nullptr;
  }
  for (size_t I = 0; I < Cfg.noptions; ++I) {
    const pg_option &O = Cfg.options[I];
    if (O.effect == PG_EFFECT_DATA_CALLBACK &&
        (Cfg.style == PG_STYLE_VALUE || Name == O.name))
      return &O;
  }
  return nullptr;
}

// `cb`, `&cb`, `(curl_write_callback)cb`, `quiet ? cb_a : cb_b`: the
// functions a value names.
static void namedFunctions(const Expr *E,
                           llvm::SmallVectorImpl<const FunctionDecl *> &Out) {
  E = E->IgnoreParenCasts();
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    namedFunctions(CO->getTrueExpr(), Out);
    namedFunctions(CO->getFalseExpr(), Out);
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParenCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
      Out.push_back(FD);
}

static void collectIn(const Stmt *S, const FunctionDecl *In,
                      const RuleSet &Rules,
                      llvm::DenseMap<const FunctionDecl *, DataCallbacks::Use>
                          &Out) {
  if (!S)
    return;
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    const pg_function *F = Callee ? Rules.function(Callee) : nullptr;
    const pg_option *O =
        F && F->configure ? callbackOption(*F->configure, CE) : nullptr;
    int ValueArg = O ? F->configure->value_arg : PG_NO_ARG;
    llvm::SmallVector<const FunctionDecl *, 2> Named;
    if (O && ValueArg >= 0 &&
        static_cast<unsigned>(ValueArg) < CE->getNumArgs())
      namedFunctions(CE->getArg(ValueArg), Named);
    for (const FunctionDecl *CB : Named)
      Out.try_emplace(CB->getCanonicalDecl(), DataCallbacks::Use{F, O, CE, In});
  }
  for (const Stmt *Child : S->children())
    collectIn(Child, In, Rules, Out);
}

void DataCallbacks::collect(const TranslationUnitDecl *TU,
                            const RuleSet &Rules) {
  Callbacks.clear();
  for (const Decl *D : TU->decls())
    if (const auto *FD = dyn_cast<FunctionDecl>(D))
      if (FD->doesThisDeclarationHaveABody())
        collectIn(FD->getBody(), FD, Rules, Callbacks);
}

// ---- Checking a return -------------------------------------------------------

// The return value is spelled with a macro the rule accepts
// (CURL_WRITEFUNC_PAUSE), possibly behind the program's own macros.
static bool spellsAccepted(const Expr *E, const pg_option &O,
                           CheckerContext &C) {
  const SourceManager &SM = C.getSourceManager();
  SourceLocation Loc = E->getBeginLoc();
  while (Loc.isMacroID()) {
    llvm::StringRef Macro =
        Lexer::getImmediateMacroName(Loc, SM, C.getLangOpts());
    for (size_t I = 0; I < O.nalso_returns; ++I)
      if (Macro == O.also_returns[I])
        return true;
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return false;
}

static bool mustEqual(ProgramStateRef State, SVal A, SVal B,
                      SValBuilder &SVB) {
  SVal Ne = SVB.evalBinOp(State, BO_NE, A, B, SVB.getConditionType());
  auto D = Ne.getAs<DefinedOrUnknownSVal>();
  if (!D || D->isUnknown())
    return false;
  return !State->assume(*D, true);
}

// What the callback may return: the product of the consumed parameters in
// either order, and without the parameter that is always 1.
static llvm::SmallVector<SVal, 3> expectedReturns(const pg_option &O,
                                                  llvm::ArrayRef<SVal> Params,
                                                  ProgramStateRef State,
                                                  SValBuilder &SVB,
                                                  QualType T) {
  llvm::SmallVector<SVal, 3> Out;
  if (Params.size() == 1) {
    Out.push_back(Params[0]);
    return Out;
  }
  Out.push_back(SVB.evalBinOp(State, BO_Mul, Params[0], Params[1], T));
  Out.push_back(SVB.evalBinOp(State, BO_Mul, Params[1], Params[0], T));
  for (size_t I = 0; I < 2; ++I)
    if (O.consumed[I] == O.unit_arg)
      Out.push_back(Params[1 - I]);
  return Out;
}

// Whether the callback alone decided the value: a constant, or arithmetic on
// its own parameters. A value from a call or from memory (fwrite's count, a
// counter in the user data) is not checked.
static bool decidedByCallback(SVal V, const FunctionDecl *FD) {
  if (V.getAs<nonloc::ConcreteInt>() || V.getAs<loc::ConcreteInt>())
    return true;
  SymbolRef Sym = V.getAsSymbol();
  if (!Sym)
    return false;
  for (SymbolRef Leaf : Sym->symbols()) {
    if (isa<SymIntExpr, IntSymExpr, SymSymExpr, SymbolCast>(Leaf))
      continue;
    const auto *RV = dyn_cast<SymbolRegionValue>(Leaf);
    const auto *VR = RV ? dyn_cast<VarRegion>(RV->getRegion()) : nullptr;
    const auto *PVD = VR ? dyn_cast<ParmVarDecl>(VR->getDecl()) : nullptr;
    if (!PVD || PVD->getDeclContext() != FD)
      return false;
  }
  return true;
}

// A call whose result reports an outcome that may be a failure: not one
// declared pure or const (strcmp, memcmp, strlen, strchr in glibc), whose
// result is a computed value (`strncmp(...) != 0` is no error).
static bool reportsOutcome(const Stmt *S) {
  const auto *CE = dyn_cast_or_null<CallExpr>(S);
  if (!CE)
    return false;
  const FunctionDecl *FD = CE->getDirectCallee();
  return !FD || !(FD->hasAttr<PureAttr>() || FD->hasAttr<ConstAttr>());
}

// The path assumed something about what a call returned: a NULL pointer
// (realloc failed) or any outcome of an integer (a short fwrite, a negative
// status). Returning early there is error handling, not a dropped body.
static bool onErrorPath(ProgramStateRef State) {
  for (const auto &Entry : getConstraintMap(State)) {
    for (SymbolRef Leaf : Entry.first->symbols()) {
      const auto *SC = dyn_cast<SymbolConjured>(Leaf);
      if (!SC || !reportsOutcome(SC->getStmt()))
        continue;
      if (!Loc::isLocType(SC->getType()))
        return true;
      const llvm::APSInt *Only = Entry.second.getConcreteValue();
      if (Entry.first == Leaf && Only && *Only == 0)
        return true;
    }
  }
  return false;
}

// Variables the callback assigns a call's result to (`p = realloc(...)`).
static void callResultVars(const Stmt *S,
                           llvm::SmallPtrSetImpl<const VarDecl *> &Out) {
  if (!S)
    return;
  auto FromCall = [](const Expr *E) {
    return E && reportsOutcome(E->IgnoreParenCasts());
  };
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (FromCall(VD->getInit()))
          Out.insert(VD);
  if (const auto *BO = dyn_cast<BinaryOperator>(S))
    if (BO->isAssignmentOp() && FromCall(BO->getRHS()))
      if (const auto *DRE =
              dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenCasts()))
        if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
          Out.insert(VD);
  for (const Stmt *Child : S->children())
    callResultVars(Child, Out);
}

static bool testsCallResult(const Stmt *S,
                            const llvm::SmallPtrSetImpl<const VarDecl *> &Vars) {
  if (!S)
    return false;
  if (reportsOutcome(S))
    return true;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      return Vars.count(VD);
  for (const Stmt *Child : S->children())
    if (testsCallResult(Child, Vars))
      return true;
  return false;
}

// The return sits in a branch taken on what a call returned:
// `if (!p) return 0;` after `p = realloc(...)`, `if (fwrite(...) != n)`.
// Checked on the syntax too because a modeled call (realloc under
// unix.Malloc) may leave a plain NULL on the path, not a constraint.
static bool inBranchOnCallResult(const ReturnStmt *RS, const FunctionDecl *FD,
                                 CheckerContext &C) {
  llvm::SmallPtrSet<const VarDecl *, 8> Vars;
  callResultVars(FD->getBody(), Vars);
  ParentMap &PM = C.getCurrentAnalysisDeclContext()->getParentMap();
  const Stmt *Child = RS;
  for (const Stmt *P = PM.getParent(Child); P;
       Child = P, P = PM.getParent(P)) {
    const Expr *Cond = nullptr;
    if (const auto *If = dyn_cast<IfStmt>(P))
      Cond = Child != If->getCond() ? If->getCond() : nullptr;
    else if (const auto *Sw = dyn_cast<SwitchStmt>(P))
      Cond = Child != Sw->getCond() ? Sw->getCond() : nullptr;
    else if (const auto *CO = dyn_cast<ConditionalOperator>(P))
      Cond = Child != CO->getCond() ? CO->getCond() : nullptr;
    if (Cond && testsCallResult(Cond, Vars))
      return true;
  }
  return false;
}

// A constant the return spells (0, a macro) by its value; any other
// expression by its text: `i + 1` is one mistake, whatever `i` was on the
// path (a loop would otherwise give one report per value).
static std::string describeReturn(SVal V, const Expr *E,
                                  CheckerContext &C) {
  auto CI = V.getAs<nonloc::ConcreteInt>();
  if (CI && E->isIntegerConstantExpr(C.getASTContext())) {
    const llvm::APSInt &I = CI->getValue();
    llvm::APSInt S(I, /*isUnsigned=*/false);
    return S.getSignificantBits() <= 64 ? std::to_string(S.getExtValue())
                                        : "a constant";
  }
  llvm::StringRef Text = Lexer::getSourceText(
      CharSourceRange::getTokenRange(E->getSourceRange()),
      C.getSourceManager(), C.getLangOpts());
  return Text.empty() ? "another value" : ("'" + Text + "'").str();
}

static std::string amountName(const pg_option &O, const FunctionDecl *FD) {
  std::string Out;
  for (size_t I = 0; I < O.nconsumed; ++I) {
    if (I)
      Out += " * ";
    Out += FD->getParamDecl(O.consumed[I])->getName();
  }
  return Out;
}

void DataCallbacks::keepParamsAlive(ProgramStateRef State,
                                    SymbolReaper &SR) const {
  if (Callbacks.empty())
    return;
  for (const auto &Entry : getConstraintMap(State))
    for (SymbolRef Leaf : Entry.first->symbols()) {
      const auto *RV = dyn_cast<SymbolRegionValue>(Leaf);
      const auto *VR = RV ? dyn_cast<VarRegion>(RV->getRegion()) : nullptr;
      const auto *PVD =
          VR ? dyn_cast<ParmVarDecl>(VR->getDecl()) : nullptr;
      const auto *FD =
          PVD ? dyn_cast<FunctionDecl>(PVD->getDeclContext()) : nullptr;
      if (FD && Callbacks.count(FD->getCanonicalDecl()))
        SR.markLive(Leaf);
    }
}

void DataCallbacks::checkReturn(const ReturnStmt *RS, CheckerContext &C,
                                const CheckSet &Reports) const {
  if (!Reports.Enabled[CK_PartialRead] || !C.inTopFrame() || Callbacks.empty())
    return;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(C.getStackFrame()->getDecl());
  auto It = FD ? Callbacks.find(FD->getCanonicalDecl()) : Callbacks.end();
  const Expr *RetE = RS->getRetValue();
  if (It == Callbacks.end() || !RetE)
    return;
  const Use &U = It->second;
  const pg_option &O = *U.Opt;
  if (spellsAccepted(RetE, O, C))
    return;

  ProgramStateRef State = C.getState();
  SValBuilder &SVB = C.getSValBuilder();
  llvm::SmallVector<SVal, 2> Params;
  for (size_t I = 0; I < O.nconsumed; ++I) {
    if (static_cast<unsigned>(O.consumed[I]) >= FD->getNumParams())
      return;
    const ParmVarDecl *P = FD->getParamDecl(O.consumed[I]);
    Params.push_back(
        State->getSVal(State->getRegion(P, C.getLocationContext())));
  }
  SVal Ret = C.getSVal(RetE);
  if (Ret.isUnknownOrUndef() || !decidedByCallback(Ret, FD))
    return;
  for (SVal Want : expectedReturns(O, Params, State, SVB, RetE->getType()))
    if (mustEqual(State, Want, Ret, SVB))
      return;
  if (onErrorPath(State) || inBranchOnCallResult(RS, FD, C))
    return;

  ExplodedNode *N = C.generateNonFatalErrorNode(State);
  if (!N)
    return;
  std::string Msg = O.name;
  Msg += " callback '" + FD->getNameAsString() + "' returns " +
         describeReturn(Ret, RetE, C) + ", not " + amountName(O, FD) + ": " +
         U.Setter->library +
         " aborts the transfer and closes the connection instead of "
         "keeping it for reuse";
  auto R = std::make_unique<PathSensitiveBugReport>(
      Reports.bugType(CK_PartialRead), Msg, N);
  R->addRange(RetE->getSourceRange());
  AnalysisDeclContext *ADC =
      C.getAnalysisManager().getAnalysisDeclContext(U.SetIn);
  R->addNote("'" + FD->getNameAsString() + "' is set as the " + O.name +
                 " callback here",
             PathDiagnosticLocation::createBegin(U.SetAt, C.getSourceManager(),
                                                 ADC));
  C.emitReport(std::move(R));
}

} // namespace poolguard
