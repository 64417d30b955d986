#include "Reports.h"

#include "Bodies.h"
#include "CleanupAttr.h"
#include "Lifecycle.h"
#include "RequestNotes.h"
#include "SourceEdits.h"

#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/CFGReachabilityAnalysis.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Analysis/CFGStmtMap.h"
#include "clang/Basic/SourceManager.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporterVisitors.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExplodedGraph.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"

using namespace clang;
using namespace clang::ento;

namespace poolguard {

std::string templateCallee(const char *Template) {
  if (!Template)
    return std::string();
  llvm::StringRef T(Template);
  T = T.ltrim();
  size_t Paren = T.find('(');
  return Paren == llvm::StringRef::npos ? std::string()
                                        : T.substr(0, Paren).rtrim().str();
}

std::string asStatement(std::string Code) {
  llvm::StringRef T = llvm::StringRef(Code).rtrim();
  if (!T.ends_with(";") && !T.ends_with("}"))
    Code = T.str() + ";";
  return Code;
}

std::string instantiate(const char *Template, llvm::StringRef Handle) {
  std::string Out;
  for (const char *P = Template; *P; ++P) {
    if (P[0] == '{' && P[1] == '}') {
      Out += Handle.str();
      ++P;
    } else {
      Out += *P;
    }
  }
  return Out;
}

namespace {
class HoldingVarFinder : public StoreManager::BindingsHandler {
public:
  // A global, or a local or parameter of Here.
  HoldingVarFinder(SymbolRef S, const DeclContext *Here) : Sym(S), Here(Here) {}
  const VarDecl *Found = nullptr;

  bool HandleBinding(StoreManager &, Store, const MemRegion *R,
                     SVal V) override {
    // Bindings come per variable: one inside an array or a struct (`hs[i]`,
    // `c.easy`) reports the whole variable, which does not name the handle.
    const auto *VR = dyn_cast<VarRegion>(R);
    if (!VR || !VR->getValueType()->isPointerType() || handleSymbol(V) != Sym)
      return true;
    const DeclContext *Owner = VR->getDecl()->getParentFunctionOrMethod();
    if (Owner && Owner != Here)
      return true;
    Found = VR->getDecl();
    return false;
  }

private:
  SymbolRef Sym;
  const DeclContext *Here;
};
} // namespace

// Walks back from N to the nearest state that still stores Sym: the purge
// that found a leak may already have dropped the dead variable's bindings.
// A variable a macro declares (g_clear_object's `_ptr`) means nothing to
// the reader: name the handle by what the program itself declared.
// A name the program spelled as a macro argument (`NEW_HANDLE(h)`) is its
// own, though the declaration comes from the macro.
static bool hiddenInMacro(const Decl *D) {
  SourceLocation Loc = D->getLocation();
  return Loc.isMacroID() &&
         !D->getASTContext().getSourceManager().isMacroArgExpansion(Loc);
}

static bool declaredInMacro(const MemRegion *R) {
  const auto *VR = dyn_cast<VarRegion>(R->getBaseRegion());
  return VR && hiddenInMacro(VR->getDecl());
}

// How the source names a field reached through parameters or through a
// variable of Here that points to the memory: `c->h`, `c->conn.h`,
// `p->ctx->h`, `trans[1].easy`. Empty for anything else. Root: the
// variable the path starts from, when it is one of Here's.
static std::string fieldPath(const MemRegion *R, ProgramStateRef State,
                             const DeclContext *Here, const VarDecl **Root) {
  const auto *FR = dyn_cast<FieldRegion>(R);
  if (!FR)
    return "";
  const MemRegion *Base = FR->getSuperRegion();
  std::string Field = FR->getDecl()->getName().str();
  auto Named = [&](const VarDecl *VD, const char *Sep) {
    const DeclContext *Owner = VD->getParentFunctionOrMethod();
    if (!Owner || Owner == Here)
      *Root = VD;
    return VD->getName().str() + Sep + Field;
  };
  if (const auto *ER = dyn_cast<ElementRegion>(Base)) {
    // `p->f` views *p as element 0; `trans[1].easy` is an array element.
    if (isa<SymbolicRegion>(ER->getSuperRegion()) &&
        ER->getIndex().isZeroConstant()) {
      Base = ER->getSuperRegion();
    } else {
      auto Index = ER->getIndex().getAs<nonloc::ConcreteInt>();
      const auto *Array = dyn_cast<VarRegion>(ER->getSuperRegion());
      if (!Index || !Array)
        return "";
      const llvm::APSInt &At = Index->getValue(); // APSIntPtr in LLVM 22
      return Array->getDecl()->getName().str() + "[" +
             std::to_string(At.getExtValue()) + "]." + Field;
    }
  }
  if (const auto *VR = dyn_cast<VarRegion>(Base))
    return VR->getDecl()->getName().str() + "." + Field;
  if (isa<FieldRegion>(Base)) {
    std::string Outer = fieldPath(Base, State, Here, Root);
    return Outer.empty() ? "" : Outer + "." + Field;
  }
  const auto *SR = dyn_cast<SymbolicRegion>(Base);
  if (!SR)
    return "";
  const auto *RV = dyn_cast<SymbolRegionValue>(SR->getSymbol());
  if (!RV) {
    // Memory the function allocated: named by the variable pointing to it.
    if (!State)
      return "";
    HoldingVarFinder Finder(SR->getSymbol(), Here);
    State->getStateManager().getStoreManager().iterBindings(State->getStore(),
                                                            Finder);
    return Finder.Found && !hiddenInMacro(Finder.Found)
               ? Named(Finder.Found, "->")
               : "";
  }
  if (const auto *VR = dyn_cast<VarRegion>(RV->getRegion()))
    return VR->getDecl()->getName().str() + "->" + Field;
  std::string Outer = fieldPath(RV->getRegion(), State, Here, Root);
  return Outer.empty() ? "" : Outer + "->" + Field;
}

HandleName nameHandle(const Handle &H, SymbolRef Sym, const ExplodedNode *N) {
  HandleName Name;
  // The name is stale where its holder now holds another value (the handle
  // was overwritten); a holder whose binding was dropped because the
  // variable is dead still names the handle in the source.
  const MemRegion *R = H.Holder;
  if (R && N) {
    SVal Now = N->getState()->getSVal(R);
    Name.Current = Now.isUndef() || handleSymbol(Now) == Sym;
  } else {
    Name.Current = true;
  }
  // Names of frames still running: the report's function or one of its
  // callers, not a local of a callee that has returned (`hnd` of setup()).
  const StackFrameContext *HereFrame = N ? N->getStackFrame() : nullptr;
  const DeclContext *Here =
      HereFrame ? dyn_cast_or_null<DeclContext>(HereFrame->getDecl())
                : nullptr;
  auto Spellable = [HereFrame](const MemRegion *C) {
    const auto *VR = dyn_cast<VarRegion>(C->getBaseRegion());
    if (!VR || !VR->getDecl()->getParentFunctionOrMethod())
      return true;
    const StackFrameContext *Owner = VR->getStackFrame();
    return HereFrame && Owner &&
           (Owner == HereFrame || Owner->isParentOf(HereFrame));
  };
  for (; N; N = N->getFirstPred()) {
    ProgramStateRef State = N->getState();
    // The last place it was stored first, then any other that still holds
    // it (the field of `hnd = t->easy = ...` once the local is gone).
    llvm::SmallVector<const MemRegion *, 3> Candidates;
    if (R)
      Candidates.push_back(R);
    Candidates.append(holdersOf(State, Sym));
    for (const MemRegion *C : Candidates) {
      std::string Spelled =
          C->canPrintPretty() ? C->getDescriptiveName(/*UseQuotes=*/false)
                              : std::string();
      const VarDecl *Root = nullptr;
      if (Spelled.empty())
        Spelled = fieldPath(C, State, Here, &Root);
      if (!Spelled.empty() && !declaredInMacro(C) && Spellable(C) &&
          handleSymbol(State->getSVal(C)) == Sym) {
        Name.Expr = Spelled;
        Name.Var = Root;
        // A caller's variable names the handle but cannot be edited here.
        if (const auto *VR = dyn_cast<VarRegion>(C->getBaseRegion()))
          if (!VR->getDecl()->getParentFunctionOrMethod() ||
              VR->getDecl()->getParentFunctionOrMethod() == Here)
            Name.Var = VR->getDecl();
        return Name;
      }
    }
    HoldingVarFinder Finder(Sym, Here);
    State->getStateManager().getStoreManager().iterBindings(State->getStore(),
                                                            Finder);
    if (Finder.Found && !hiddenInMacro(Finder.Found)) {
      Name.Var = Finder.Found;
      Name.Expr = Name.Var->getName().str();
      return Name;
    }
  }
  // A parameter's own value (a request the caller passed in), or what a
  // field of the caller's struct held (`c->h`).
  if (const auto *Initial = dyn_cast<SymbolRegionValue>(Sym)) {
    const MemRegion *R = Initial->getRegion();
    if (const auto *VR = dyn_cast<VarRegion>(R)) {
      Name.Var = VR->getDecl();
      Name.Expr = Name.Var->getName().str();
    } else {
      const VarDecl *Root = nullptr;
      Name.Expr = fieldPath(R, nullptr, nullptr, &Root);
    }
  }
  return Name;
}

static std::string quoted(const HandleName &Name) {
  return Name.Expr.empty() ? std::string() : " '" + Name.Expr + "'";
}

static bool refersTo(const Stmt *S, const VarDecl *VD) {
  if (!S)
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (DRE->getDecl() == VD)
      return true;
  for (const Stmt *Child : S->children())
    if (refersTo(Child, VD))
      return true;
  return false;
}

// ---- Fix-its -------------------------------------------------------------

// The statement a leak was found at, if the program point has one.
static const Stmt *leakStmt(const ExplodedNode *ErrNode) {
  if (auto SP = ErrNode->getLocation().getAs<StmtPoint>())
    return SP->getStmt();
  return nullptr;
}

// The last statement the path ran in the error node's function: at a
// function's end (a cleanup attribute releasing there), the node itself is
// no statement.
static const Stmt *lastStmt(const ExplodedNode *N) {
  const StackFrameContext *Frame = N->getStackFrame();
  for (unsigned Steps = 0; N && Steps < 16; N = N->getFirstPred(), ++Steps)
    if (N->getStackFrame() == Frame)
      if (auto SP = N->getLocation().getAs<StmtPoint>())
        return SP->getStmt();
  return nullptr;
}

// Where the leaking path leaves the function, when nothing can branch
// between the handle's death and there: the `return` it reaches through
// straight-line code, the `continue` or `break` that leaves the loop's
// body, or the function body when it falls off the end. A
// handle dies after its last use (often at a log call before the return);
// the exit is where a reader looks and where one release serves every path
// that arrives. Null when a branch, a label or a loop comes first.
static const Stmt *straightExit(const Stmt *S, AnalysisDeclContext &ADC) {
  const CFGBlock *B = ADC.getCFGStmtMap() ? ADC.getCFGStmtMap()->getBlock(S)
                                          : nullptr;
  const CFG *Cfg = ADC.getCFG();
  if (!B || !Cfg)
    return nullptr;
  size_t From = B->size();
  for (size_t I = 0; I < B->size(); ++I)
    if (auto CS = (*B)[I].getAs<CFGStmt>())
      if (CS->getStmt() == S) {
        From = I;
        break;
      }
  if (From == B->size())
    return nullptr;
  for (unsigned Hops = 0; Hops < 16; ++Hops) {
    for (size_t I = From; I < B->size(); ++I)
      if (auto CS = (*B)[I].getAs<CFGStmt>())
        if (isa<ReturnStmt>(CS->getStmt()))
          return CS->getStmt();
    // Leaving the iteration or the loop (`continue;` after a log call).
    if (const Stmt *T = B->getTerminatorStmt())
      return isa<ContinueStmt, BreakStmt>(T) ? T : nullptr;
    if (B->succ_size() != 1)
      return nullptr;
    const CFGBlock *Next = *B->succ_begin();
    if (!Next)
      return nullptr;
    if (Next == &Cfg->getExit())
      return ADC.getBody();
    if (Next->getLabel() || Next->pred_size() != 1)
      return nullptr;
    B = Next;
    From = 0;
  }
  return nullptr;
}

// A handle that dies at a `for` increment left the body through a
// `continue` (or its end): the `continue` the path took is where it leaks.
static const Stmt *continueBefore(const Stmt *S, const ExplodedNode *N,
                                  AnalysisDeclContext &ADC) {
  ParentMap &PM = ADC.getParentMap();
  const Stmt *Child = S;
  const Stmt *P = PM.getParent(S);
  while (P && isa<Expr>(P)) {
    Child = P;
    P = PM.getParent(P);
  }
  const auto *For = dyn_cast_or_null<ForStmt>(P);
  if (!For || For->getInc() != Child)
    return nullptr;
  const StackFrameContext *Frame = N->getStackFrame();
  for (unsigned Steps = 0; N && Steps < 64; N = N->getFirstPred(), ++Steps) {
    if (N->getStackFrame() != Frame)
      continue;
    if (auto BE = N->getLocation().getAs<BlockEdge>())
      if (const Stmt *T = BE->getSrc()->getTerminatorStmt()) {
        if (isa<ContinueStmt>(T))
          return T;
        if (T != For && isa<ForStmt, WhileStmt, DoStmt>(T))
          return nullptr; // an inner loop's edge: not ours
      }
    if (auto SP = N->getLocation().getAs<StmtPoint>())
      if (SP->getStmt() == For->getCond())
        return nullptr; // back at the loop's own test: no continue taken
  }
  return nullptr;
}

// The statement a leak is reported at and fixed before: the store that
// overwrote the handle's last variable, else the path's exit when
// straightExit finds it, else where the handle died.
static const Stmt *leakSite(const Handle &H, const ExplodedNode *ErrNode,
                            AnalysisDeclContext &ADC) {
  if (H.LostAt && ADC.getParentMap().getParent(H.LostAt))
    return H.LostAt;
  const Stmt *S = leakStmt(ErrNode);
  if (!S)
    return nullptr;
  if (const Stmt *Exit = straightExit(S, ADC))
    return Exit;
  if (const Stmt *Continue = continueBefore(S, ErrNode, ADC))
    return Continue;
  return S;
}

// A leak shown at its site (the exit, the overwriting store) instead of
// where the handle died: the location every output uses, with or without
// a path.
class SitedReport final : public PathSensitiveBugReport {
  PathDiagnosticLocation Site;

public:
  SitedReport(const BugType &BT, StringRef Msg, const ExplodedNode *N,
              PathDiagnosticLocation Site, const Decl *D)
      : PathSensitiveBugReport(BT, Msg, N, Site, D), Site(Site) {}
  PathDiagnosticLocation getLocation() const override { return Site; }
};

static bool isStatementList(const Stmt *S) {
  return isa<CompoundStmt>(S);
}

// Climb from S to the statement that sits in a statement list or as the
// unbraced body of a branch or loop: the one a release goes before.
static const Stmt *fullStatement(const Stmt *S, ParentMap &PM) {
  while (S) {
    const Stmt *P = PM.getParent(S);
    if (!P)
      return nullptr;
    if (isStatementList(P))
      return S;
    if (const auto *If = dyn_cast<IfStmt>(P))
      if (If->getThen() == S || If->getElse() == S)
        return S;
    if (isa<LabelStmt>(P))
      return nullptr; // shared by every jump to the label: not ours to edit
    // The statement of a `case`: reached through its label, or falling
    // through from the case above, which the reachability guards cover.
    if (isa<CaseStmt, DefaultStmt>(P))
      return cast<SwitchCase>(P)->getSubStmt() == S ? S : nullptr;
    if (const auto *W = dyn_cast<WhileStmt>(P))
      if (W->getBody() != S)
        return nullptr;
    if (const auto *F = dyn_cast<ForStmt>(P))
      if (F->getBody() != S)
        return nullptr;
    if (const auto *D = dyn_cast<DoStmt>(P))
      if (D->getBody() != S)
        return nullptr;
    if (isa<WhileStmt, ForStmt, DoStmt>(P))
      return S;
    S = P;
  }
  return nullptr;
}

// Whether a call Release(VD) in S may run before the path reaches Target
// (a CFG block; Loc orders statements inside one block). Then another path
// may arrive at the insertion point with the handle already released, and
// the fix-it would release it twice.
struct ReleaseSearch {
  const VarDecl *VD;
  llvm::function_ref<bool(const CallExpr *)> Ends;
  const CFGBlock *Target;
  SourceLocation Loc;
  AnalysisDeclContext &ADC;
  const SourceManager &SM;
};

// Whether control can go from block From to the target without passing
// VD's declaration: a variable declared in a loop body is a new one each
// iteration, so last iteration's release does not reach this one's exit.
static bool reachesWithoutDecl(const CFGBlock *From, const ReleaseSearch &RS) {
  const DeclStmt *DS = declaringStmt(RS.ADC.getBody(), RS.VD);
  const CFGBlock *Kill = DS ? RS.ADC.getCFGStmtMap()->getBlock(DS) : nullptr;
  if (!Kill || Kill == RS.Target)
    return RS.ADC.getCFGReachablityAnalysis()->isReachable(From, RS.Target);
  llvm::SmallPtrSet<const CFGBlock *, 32> Seen;
  llvm::SmallVector<const CFGBlock *, 32> Work;
  for (const CFGBlock *Succ : From->succs())
    if (Succ)
      Work.push_back(Succ);
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    if (B == RS.Target)
      return true;
    if (B == Kill || !Seen.insert(B).second)
      continue;
    for (const CFGBlock *Succ : B->succs())
      if (Succ)
        Work.push_back(Succ);
  }
  return false;
}

// A value read from memory (`m->easy_handle`, `list[i]`, `*pp`).
static bool readFromMemory(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->getOpcode() == UO_Deref;
  return isa<MemberExpr, ArraySubscriptExpr>(E);
}

// Whether variable V gets a value read from memory somewhere in S.
static bool loadedFromMemory(const Stmt *S, const VarDecl *V) {
  if (!S)
    return false;
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (D == V && V->getInit() && readFromMemory(V->getInit()))
        return true;
  if (const auto *BO = dyn_cast<BinaryOperator>(S))
    if (BO->isAssignmentOp() && refersTo(BO->getLHS(), V) &&
        readFromMemory(BO->getRHS()))
      return true;
  for (const Stmt *Child : S->children())
    if (loadedFromMemory(Child, V))
      return true;
  return false;
}

// Whether a release argument may be the handle under another name: read
// from memory (`msg->easy_handle` from curl_multi_info_read()), directly
// or through a variable loaded from it. Another variable that holds a
// handle of its own is another handle.
static bool mayAlias(const Expr *Arg, const Stmt *Body) {
  Arg = Arg->IgnoreParenImpCasts();
  if (readFromMemory(Arg))
    return true;
  const auto *DRE = dyn_cast<DeclRefExpr>(Arg);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return V && loadedFromMemory(Body, V);
}

static bool releaseMayReach(const Stmt *S, const ReleaseSearch &RS) {
  if (!S)
    return false;
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *FD = CE->getDirectCallee();
    if (FD && FD->getIdentifier() && RS.Ends(CE))
      for (const Expr *Arg : CE->arguments()) {
        // The handle itself, or what may be it under another name
        // (`msg->easy_handle` from curl_multi_info_read()); another
        // variable is another handle.
        if (!refersTo(Arg, RS.VD) && !mayAlias(Arg, RS.ADC.getBody()))
          continue;
        const CFGBlock *From = RS.ADC.getCFGStmtMap()->getBlock(CE);
        if (!From || !RS.Target)
          return true; // unknown: stay on the safe side
        if (From == RS.Target
                ? RS.SM.isBeforeInTranslationUnit(CE->getBeginLoc(), RS.Loc)
                : reachesWithoutDecl(From, RS))
          return true;
      }
  }
  for (const Stmt *Child : S->children())
    if (releaseMayReach(Child, RS))
      return true;
  return false;
}

// Whether Target reads VD before the release could go: anywhere in it,
// except the variable being assigned by the store that lost the handle
// (`h = curl_easy_init();`).
static bool usesBefore(const Stmt *Target, const Stmt *Site,
                       const VarDecl *VD) {
  if (const auto *BO = dyn_cast<BinaryOperator>(Site))
    if (BO->isAssignmentOp())
      return refersTo(BO->getRHS(), VD);
  return refersTo(Target, VD);
}

// A body handed out in an asynchronous callback (soup_session_send_finish,
// the rules' `async-result`): a blocking drain loop there would stall the
// main loop, so no drain is suggested.
static bool blockingFixUnwelcome(const Handle &H) {
  return H.Acquirer && H.Acquirer->async_result;
}

// Insert the statements Texts before Target, wrapping Target and them in
// braces when Target is the unbraced body of a branch or loop: one
// replacement of the whole statement, not two insertions, so that an
// applier takes all of it or none.
static void insertBefore(PathSensitiveBugReport &R, const Stmt *Target,
                         llvm::ArrayRef<std::string> Texts, ParentMap &PM,
                         const SourceManager &SM, const LangOptions &LO) {
  auto Range = wholeStatementRange(Target, {SM, LO});
  if (!Range || Texts.empty())
    return;
  const Stmt *Parent = PM.getParent(Target);
  if (Parent && !isStatementList(Parent)) {
    CharSourceRange Whole = CharSourceRange::getCharRange(
        Range->getBegin(), endOfStatement(*Range, {SM, LO}));
    bool Invalid = false;
    llvm::StringRef Orig = Lexer::getSourceText(Whole, SM, LO, &Invalid);
    if (Invalid)
      return;
    std::string Text = "{ ";
    for (const std::string &T : Texts)
      Text += T + " ";
    addFixIt(R, FixItHint::CreateReplacement(Whole, Text + Orig.str() + " }"));
    return;
  }
  std::string Indent = indentOf(Range->getBegin(), SM);
  std::string Text;
  for (const std::string &T : Texts)
    Text += T + "\n" + Indent;
  addFixIt(R, FixItHint::CreateInsertion(Range->getBegin(), Text));
}

namespace {
// A release the fix-it inserts: before Target, or before the closing brace
// of the function when Target is null.
struct ReleaseEdit {
  const Stmt *Target;
  std::string Text;
};
} // namespace

// The release `Call;` goes where the leaking path leaves: before the
// statement it reached (wrapped in braces if that statement is an unbraced
// branch), or before the closing brace when it falls off the end of the
// function. None where no safe place is known.
static std::optional<ReleaseEdit>
releaseEdit(const Handle &H, SymbolRef Sym, const HandleName &Name,
            const ExplodedNode *ErrNode, const RuleSet &Rules,
            CheckerContext &C) {
  // Before the store that overwrote it, the variable still names it.
  const VarDecl *VD = Name.Current || H.LostAt ? Name.Var : nullptr;
  const char *Tmpl = H.Kind->release_fix;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(
      C.getLocationContext()->getDecl());
  if (!Tmpl || !VD || !FD || !FD->hasBody() ||
      VD->getParentFunctionOrMethod() != FD)
    return std::nullopt;
  const Stmt *Body = FD->getBody();
  const SourceManager &SM = C.getSourceManager();
  const LangOptions &LO = C.getLangOpts();
  ParentMap &PM = C.getAnalysisManager().getParentMap(FD);
  std::string Release = asStatement(instantiate(Tmpl, Name.Expr));
  // A body that may still hold unread data is drained first: releasing it
  // unread would be the PartialRead the next analysis reports.
  bool Drained = H.Kind->drain_fix && !blockingFixUnwelcome(H) &&
                 mayHoldUnreadData(C.getState(), Sym, H, C);
  if (Drained)
    Release = asStatement(instantiate(H.Kind->drain_fix, Name.Expr)) + " " +
              Release;
  std::string Callee = templateCallee(Tmpl);
  auto IsRelease = [&Callee](const CallExpr *CE) {
    return CE->getDirectCallee()->getName() == Callee;
  };

  AnalysisDeclContext &ADC = *C.getLocationContext()->getAnalysisDeclContext();
  const Stmt *S = leakSite(H, ErrNode, ADC);
  // Before a store over the variable, other paths (an earlier iteration)
  // may reach it holding NULL, which this release does not take.
  const pg_function *Rel = pg_rules_function(Rules.raw(), Callee.c_str());
  if (S && S == H.LostAt && !H.HolderFreed && Rel && Rel->release &&
      !Rel->release->null_ok)
    Release = "if (" + Name.Expr + ") " +
              (Drained ? "{ " + Release + " }" : Release);
  if (!S || S == Body) {
    const auto *CS = dyn_cast<CompoundStmt>(Body);
    const CFG *Cfg = ADC.getCFG();
    if (!CS || !Cfg || CS->getRBracLoc().isMacroID() ||
        releaseMayReach(Body, {VD, IsRelease, &Cfg->getExit(),
                               CS->getRBracLoc(), ADC, SM}))
      return std::nullopt;
    return ReleaseEdit{nullptr, Release};
  }
  // The release goes before Target: not if Target still uses the handle
  // (`return strlen(host);`: the handle died inside it), unless Target is
  // the free() of the struct holding it, which names the struct.
  const Stmt *Target = fullStatement(S, PM);
  if (!Target || !wholeStatementRange(Target, {SM, LO}) ||
      (!H.HolderFreed && usesBefore(Target, S, VD)) || !visibleAt(VD, Target, FD, PM, SM) ||
      releaseMayReach(Body, {VD, IsRelease, ADC.getCFGStmtMap()->getBlock(S),
                             Target->getBeginLoc(), ADC, SM}))
    return std::nullopt;
  return ReleaseEdit{Target, Release};
}

// One fix-it for the releases of every handle that leaks at the same place:
// separate fix-its there would each rewrite the same statement (two
// `{ release; return; }` blocks, the second always run) or be refused.
static void addReleaseFixIt(PathSensitiveBugReport &R,
                            llvm::ArrayRef<ReleaseEdit> Edits,
                            CheckerContext &C) {
  if (Edits.empty())
    return;
  const SourceManager &SM = C.getSourceManager();
  llvm::SmallVector<std::string, 2> Texts;
  for (const ReleaseEdit &E : Edits)
    Texts.push_back(E.Text);
  if (const Stmt *Target = Edits.front().Target) {
    const auto *FD = cast<FunctionDecl>(C.getLocationContext()->getDecl());
    insertBefore(R, Target, Texts, C.getAnalysisManager().getParentMap(FD), SM,
                 C.getLangOpts());
    return;
  }
  const auto *CS = cast<CompoundStmt>(
      cast<FunctionDecl>(C.getLocationContext()->getDecl())->getBody());
  std::string Indent = indentOf(CS->getRBracLoc(), SM);
  std::string Text;
  for (const std::string &T : Texts)
    Text += "    " + T + "\n" + Indent;
  addFixIt(R, FixItHint::CreateInsertion(CS->getRBracLoc(), Text));
}

// Whether block B can run again after itself.
static bool inLoop(const CFGBlock *B, AnalysisDeclContext &ADC) {
  if (!B)
    return true;
  for (const CFGBlock *Succ : B->succs())
    if (Succ && ADC.getCFGReachablityAnalysis()->isReachable(Succ, B))
      return true;
  return false;
}

// A drain before the call that closes or releases a body early: the body is
// then at its end when the call runs.
// The statement, written as one whole macro invocation, that contains S
// (a call in g_clear_object's expansion): null when there is none.
static const Stmt *wholeMacroStatement(const Stmt *S, ParentMap &PM,
                                       const EditContext &EC) {
  for (unsigned Steps = 0; S && Steps < 16; ++Steps, S = PM.getParent(S))
    if (fullStatement(S, PM) == S && wholeStatementRange(S, EC))
      return S;
  return nullptr;
}

static void addDrainFixIt(PathSensitiveBugReport &R, const Handle &H,
                          const HandleName &Name, const CallEvent &Call,
                          const RuleSet &Rules, CheckerContext &C) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(
      C.getLocationContext()->getDecl());
  const Expr *Origin = Call.getOriginExpr();
  if (!H.Kind->drain_fix || blockingFixUnwelcome(H) || !FD || !FD->hasBody() ||
      !Origin)
    return;
  ParentMap &PM = C.getAnalysisManager().getParentMap(FD);
  const SourceManager &SM = C.getSourceManager();
  const Stmt *Target = fullStatement(Origin, PM);
  // A release inside a macro (g_clear_object (&in) NULLs the variable, then
  // unrefs): the drain goes before the whole invocation, where the variable
  // still holds the body.
  const Stmt *Invocation =
      Origin->getBeginLoc().isMacroID()
          ? wholeMacroStatement(Origin, PM, {SM, C.getLangOpts()})
          : nullptr;
  if (Invocation)
    Target = Invocation;
  const VarDecl *VD = Name.Current || Invocation ? Name.Var : nullptr;
  if (!VD || VD->getParentFunctionOrMethod() != FD)
    return;
  // Another path may reach the call with the body already ended (closed, read
  // to the end, or read in a loop that may have run to the end): draining
  // it there would read a finished response (neon then drops the connection).
  AnalysisDeclContext &ADC = *C.getLocationContext()->getAnalysisDeclContext();
  auto EndsBody = [&Rules, &ADC](const CallExpr *CE) {
    const pg_function *G = Rules.function(CE->getDirectCallee());
    if (!G)
      return false;
    if (G->close || G->read_to_end || G->release)
      return true;
    return G->read && inLoop(ADC.getCFGStmtMap()->getBlock(CE), ADC);
  };
  if (!Target || !wholeStatementRange(Target, {SM, C.getLangOpts()}) ||
      !visibleAt(VD, Target, FD, PM, SM) ||
      releaseMayReach(FD->getBody(),
                      {VD, EndsBody, ADC.getCFGStmtMap()->getBlock(Origin),
                       Origin->getBeginLoc(), ADC, SM}))
    return;
  insertBefore(R, Target, asStatement(instantiate(H.Kind->drain_fix, Name.Expr)),
               PM, SM, C.getLangOpts());
}

// ---- Reports -------------------------------------------------------------

static std::unique_ptr<PathSensitiveBugReport>
makeLeakReport(const BugType &BT, const Handle &H, SymbolRef Sym,
               const HandleName &Name, const RuleSet &Rules,
               ExplodedNode *ErrNode, CheckerContext &C) {
  std::string Msg = std::string(H.Kind->description) + quoted(Name) +
                    " from " + H.Acquirer->name +
                    "() is not released on this path";
  std::string Release = templateCallee(H.Kind->release_fix);
  if (!Release.empty())
    Msg += " (missing " + Release + "())";
  // One report per leaking exit: paths that reach the same statement
  // through different sub-expressions (the arms of ?:) are one finding.
  std::unique_ptr<PathSensitiveBugReport> R;
  const Decl *D = C.getLocationContext()->getDecl();
  AnalysisDeclContext &ADC = *C.getLocationContext()->getAnalysisDeclContext();
  const Stmt *S = leakSite(H, ErrNode, ADC);
  if (S && S == H.LostAt && H.HolderFreed)
    Msg = std::string(H.Kind->description) + quoted(Name) + " from " +
          H.Acquirer->name +
          "() is not released before the memory holding it is freed" +
          (Release.empty() ? "" : " (missing " + Release + "())");
  else if (S && S == H.LostAt && !Name.Expr.empty())
    Msg = std::string(H.Kind->description) + quoted(Name) + " from " +
          H.Acquirer->name + "() is not released before '" + Name.Expr +
          "' is overwritten" +
          (Release.empty() ? "" : " (missing " + Release + "())");
  if (S && S == ADC.getBody()) {
    PathDiagnosticLocation End = PathDiagnosticLocation::createDeclEnd(
        C.getLocationContext(), C.getSourceManager());
    R = std::make_unique<SitedReport>(BT, Msg, ErrNode, End, D);
  } else if (S) {
    const Stmt *Full = fullStatement(S, C.getAnalysisManager().getParentMap(D));
    PathDiagnosticLocation Site = PathDiagnosticLocation::createBegin(
        Full ? Full : S, C.getSourceManager(), C.getLocationContext());
    R = std::make_unique<SitedReport>(BT, Msg, ErrNode, Site, D);
  } else {
    R = std::make_unique<PathSensitiveBugReport>(BT, Msg, ErrNode);
  }
  R->markInteresting(Sym);
  addRequestOutcomeNotes(*R, ErrNode, Rules);
  return R;
}

// Symbols are numbered as the path creates them.
static SymbolID symbolOrder(SymbolRef Sym) {
  const auto *SD = dyn_cast<SymbolData>(Sym);
  return SD ? SD->getSymbolID() : 0;
}

llvm::SmallVector<std::unique_ptr<PathSensitiveBugReport>, 2>
makeLeakReports(const BugType &BT,
                llvm::ArrayRef<std::pair<SymbolRef, Handle>> Leaks,
                const RuleSet &Rules, ExplodedNode *ErrNode,
                CheckerContext &C) {
  llvm::SmallVector<std::unique_ptr<PathSensitiveBugReport>, 2> Out;
  llvm::SmallVector<std::optional<ReleaseEdit>, 2> Edits;
  for (const auto &L : Leaks) {
    HandleName Name = nameHandle(L.second, L.first, C.getPredecessor());
    Out.push_back(makeLeakReport(BT, L.second, L.first, Name, Rules, ErrNode, C));
    Edits.push_back(releaseEdit(L.second, L.first, Name, ErrNode, Rules, C));
  }
  // The first report of each place carries the releases of all of them,
  // the handle acquired last released first (as goto-cleanup chains do).
  for (size_t I = 0; I < Out.size(); ++I) {
    if (!Edits[I])
      continue;
    llvm::SmallVector<std::pair<SymbolID, ReleaseEdit>, 2> Same;
    for (size_t J = I; J < Out.size(); ++J)
      if (Edits[J] && Edits[J]->Target == Edits[I]->Target) {
        Same.emplace_back(symbolOrder(Leaks[J].first), *Edits[J]);
        if (J != I)
          Edits[J].reset();
      }
    llvm::sort(Same, [](const auto &A, const auto &B) { return A.first > B.first; });
    llvm::SmallVector<ReleaseEdit, 2> Ordered;
    for (const auto &E : Same)
      Ordered.push_back(E.second);
    addReleaseFixIt(*Out[I], Ordered, C);
  }
  return Out;
}

static bool within(const Stmt *S, const Stmt *Ancestor, ParentMap &PM) {
  for (unsigned Steps = 0; S && Steps < 256; ++Steps, S = PM.getParent(S))
    if (S == Ancestor)
      return true;
  return false;
}

// The one way out of the function from S, when every path from S reaches
// the same `return` (branches in between join again), or the function's
// end (its body). Null when there are several, or too many blocks to tell.
static const Stmt *soleExit(const Stmt *S, AnalysisDeclContext &ADC) {
  const CFGBlock *Start =
      ADC.getCFGStmtMap() ? ADC.getCFGStmtMap()->getBlock(S) : nullptr;
  const CFG *Cfg = ADC.getCFG();
  if (!Start || !Cfg)
    return nullptr;
  llvm::SmallPtrSet<const CFGBlock *, 32> Seen;
  llvm::SmallVector<const CFGBlock *, 16> Work{Start};
  const Stmt *Found = nullptr;
  auto Exit = [&Found](const Stmt *E) {
    if (Found && Found != E)
      return false;
    Found = E;
    return true;
  };
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    if (!Seen.insert(B).second)
      continue;
    if (Seen.size() > 256)
      return nullptr;
    if (B == &Cfg->getExit()) {
      if (!Exit(ADC.getBody()))
        return nullptr;
      continue;
    }
    const Stmt *Ret = nullptr;
    for (const CFGElement &E : *B)
      if (auto CS = E.getAs<CFGStmt>())
        if (isa<ReturnStmt>(CS->getStmt()))
          Ret = CS->getStmt();
    // S's own block: a return before S is not on the way.
    if (Ret && B == Start && Ret->getBeginLoc() < S->getBeginLoc())
      Ret = nullptr;
    if (Ret) {
      if (!Exit(Ret))
        return nullptr;
      continue;
    }
    for (const CFGBlock *Succ : B->succs())
      if (Succ)
        Work.push_back(Succ);
  }
  return Found;
}

// Where a cleanup attribute releases the handle on this path: the exit the
// path reaches through straight-line code, else the closing brace of the
// inner block that declares the variable, when the handle died inside it,
// else the only exit every path from there reaches. None: where it died
// (the analyzer's own location).
static std::optional<PathDiagnosticLocation>
cleanupSite(const Handle &H, const ExplodedNode *ErrNode) {
  AnalysisDeclContext *ADC =
      ErrNode->getLocationContext()->getAnalysisDeclContext();
  const SourceManager &SM =
      ErrNode->getState()->getStateManager().getContext().getSourceManager();
  const Stmt *Died = lastStmt(ErrNode);
  if (!Died)
    return std::nullopt;
  const Stmt *Body = ADC->getBody();
  auto At = [&](const Stmt *Exit) -> std::optional<PathDiagnosticLocation> {
    if (Exit != Body)
      return PathDiagnosticLocation::createBegin(Exit, SM,
                                                 ErrNode->getLocationContext());
    const auto *CS = dyn_cast<CompoundStmt>(Body);
    if (!CS || CS->getRBracLoc().isMacroID())
      return std::nullopt;
    return PathDiagnosticLocation(CS->getRBracLoc(), SM);
  };
  if (const Stmt *Exit = straightExit(Died, *ADC))
    return At(Exit);
  const auto *VR =
      H.CleanupVar ? dyn_cast<VarRegion>(H.CleanupVar->getBaseRegion())
                   : nullptr;
  const CompoundStmt *Scope =
      VR ? innerScopeOf(VR->getDecl()) : nullptr;
  if (Scope) {
    if (Scope->getRBracLoc().isMacroID() ||
        !within(Died, Scope, ADC->getParentMap()))
      return std::nullopt;
    return PathDiagnosticLocation(Scope->getRBracLoc(), SM);
  }
  const Stmt *Exit = VR ? soleExit(Died, *ADC) : nullptr;
  if (!Exit)
    return std::nullopt;
  return At(Exit);
}

std::unique_ptr<PathSensitiveBugReport>
makeNullReleaseReport(const BugType &BT, const CallEvent &Call, int Arg,
                      ExplodedNode *ErrNode) {
  const Expr *E = Call.getArgExpr(Arg)->IgnoreParenImpCasts();
  const ASTContext &Ctx =
      ErrNode->getState()->getStateManager().getContext();
  llvm::StringRef Text = Lexer::getSourceText(
      CharSourceRange::getTokenRange(E->getSourceRange()),
      Ctx.getSourceManager(), Ctx.getLangOpts());
  std::string Callee = Call.getCalleeIdentifier()
                           ? Call.getCalleeIdentifier()->getName().str()
                           : std::string("the release");
  std::string What =
      Text.empty() || Text == "NULL" ? std::string("NULL")
                                     : "'" + Text.str() + "', NULL on this path,";
  std::string Msg = What + " is passed to " + Callee +
                    "(), which does not accept NULL";
  auto R = std::make_unique<PathSensitiveBugReport>(BT, Msg, ErrNode);
  R->addRange(E->getSourceRange());
  bugreporter::trackExpressionValue(ErrNode, E, *R);
  return R;
}

std::unique_ptr<PathSensitiveBugReport>
makeReleaseAfterTransferReport(const BugType &BT, const Handle &H,
                               SymbolRef Sym, const CallEvent &Call,
                               ExplodedNode *ErrNode) {
  HandleName Name = nameHandle(H, Sym, ErrNode);
  std::string Callee = Call.getCalleeIdentifier()
                           ? Call.getCalleeIdentifier()->getName().str()
                           : std::string("a call");
  std::string Msg = std::string(H.Kind->description) + quoted(Name) +
                    " is released by " + Callee + "() after " +
                    H.TakenBy->name +
                    "() took it: the library's reference is dropped while "
                    "it still uses the handle";
  auto R = std::make_unique<PathSensitiveBugReport>(BT, Msg, ErrNode);
  R->markInteresting(Sym);
  return R;
}

std::unique_ptr<PathSensitiveBugReport>
makeUseAfterReleaseReport(const BugType &BT, const Handle &H, SymbolRef Sym,
                          bool IsRelease, const CallEvent *Call,
                          ExplodedNode *ErrNode) {
  HandleName Name = nameHandle(H, Sym, ErrNode);
  std::string Msg = std::string(H.Kind->description) + quoted(Name);
  if (!Call)
    Msg += " is released again at the end of its scope (by its cleanup "
           "attribute) after it was released";
  else
    Msg += (IsRelease ? " is released again by " : " is used by ") +
           (Call->getCalleeIdentifier()
                ? Call->getCalleeIdentifier()->getName().str()
                : std::string("a call")) +
           "() after it was released";
  std::unique_ptr<PathSensitiveBugReport> R;
  // The cleanup runs at scope exit: shown where the path leaves the scope.
  std::optional<PathDiagnosticLocation> Site =
      Call ? std::nullopt : cleanupSite(H, ErrNode);
  if (Site)
    R = std::make_unique<SitedReport>(
        BT, Msg, ErrNode, *Site,
        ErrNode->getLocationContext()->getAnalysisDeclContext()->getDecl());
  else
    R = std::make_unique<PathSensitiveBugReport>(BT, Msg, ErrNode);
  R->markInteresting(Sym);
  return R;
}

std::unique_ptr<PathSensitiveBugReport>
makePartialReadReport(const BugType &BT, const Handle &H, SymbolRef Sym,
                      const CallEvent *Call, const pg_function *F,
                      const RuleSet &Rules, ExplodedNode *ErrNode,
                      CheckerContext &C) {
  HandleName Name = nameHandle(H, Sym, C.getPredecessor());
  std::string How =
      Call ? (Call->getCalleeIdentifier()
                  ? "by " + Call->getCalleeIdentifier()->getName().str() + "()"
                  : std::string("by a call"))
           : std::string("at the end of its scope");
  bool Closes = Call && F && !F->release && F->close;
  std::string Msg = std::string(H.Kind->description) + quoted(Name) + " is " +
                    (Closes ? "closed " : "released ") + How +
                    " before it was read to the end";
  Msg += H.Kind->consequence ? std::string(": ") + H.Kind->consequence
                             : std::string(": its connection is not reused");
  std::optional<PathDiagnosticLocation> Site =
      Call ? std::nullopt : cleanupSite(H, ErrNode);
  std::unique_ptr<PathSensitiveBugReport> R;
  if (Site)
    R = std::make_unique<SitedReport>(
        BT, Msg, ErrNode, *Site,
        ErrNode->getLocationContext()->getAnalysisDeclContext()->getDecl());
  else
    R = std::make_unique<PathSensitiveBugReport>(BT, Msg, ErrNode);
  R->markInteresting(Sym);
  if (H.Read.Ret)
    R->markInteresting(H.Read.Ret);
  addRequestOutcomeNotes(*R, ErrNode, Rules);
  if (Call)
    addDrainFixIt(*R, H, Name, *Call, Rules, C);
  return R;
}

} // namespace poolguard
