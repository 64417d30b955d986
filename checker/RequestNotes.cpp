#include "RequestNotes.h"

#include "Failure.h"

#include "clang/AST/Expr.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporterVisitors.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExplodedGraph.h"
#include "llvm/ADT/SmallVector.h"

#include <string>

using namespace clang;
using namespace clang::ento;

namespace poolguard {

namespace {

struct Outcome {
  SymbolRef Result;
  pg_fail Fails;
  std::string Callee;
};

// Walks the report's path from the error backwards: at the first node where
// a request's result is settled to failure (the branch that took the error
// path), adds the note.
class RequestOutcomeVisitor : public BugReporterVisitor {
  llvm::SmallVector<Outcome, 2> Outcomes;

public:
  explicit RequestOutcomeVisitor(llvm::SmallVector<Outcome, 2> O)
      : Outcomes(std::move(O)) {}

  void Profile(llvm::FoldingSetNodeID &ID) const override {
    static int Tag = 0;
    ID.AddPointer(&Tag);
    for (const Outcome &O : Outcomes)
      ID.AddPointer(O.Result);
  }

  PathDiagnosticPieceRef VisitNode(const ExplodedNode *N,
                                   BugReporterContext &BRC,
                                   PathSensitiveBugReport &) override {
    const ExplodedNode *Pred = N->getFirstPred();
    if (!Pred)
      return nullptr;
    for (auto It = Outcomes.begin(); It != Outcomes.end(); ++It) {
      if (!failureTruth(N->getState(), It->Result, It->Fails)
               .isConstrainedTrue() ||
          failureTruth(Pred->getState(), It->Result, It->Fails)
              .isConstrainedTrue())
        continue;
      const Stmt *S = N->getStmtForDiagnostics();
      if (!S)
        return nullptr;
      std::string Text = "Assuming " + It->Callee + "() failed";
      Outcomes.erase(It);
      return std::make_shared<PathDiagnosticEventPiece>(
          PathDiagnosticLocation::createBegin(S, BRC.getSourceManager(),
                                              N->getLocationContext()),
          Text);
    }
    return nullptr;
  }
};

} // namespace

void addRequestOutcomeNotes(PathSensitiveBugReport &R,
                            const ExplodedNode *ErrNode,
                            const RuleSet &Rules) {
  llvm::SmallVector<Outcome, 2> Outcomes;
  for (const ExplodedNode *N = ErrNode; N; N = N->getFirstPred()) {
    auto PS = N->getLocationAs<PostStmt>();
    const auto *CE = PS ? dyn_cast<CallExpr>(PS->getStmt()) : nullptr;
    const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
    const pg_function *F = FD ? Rules.function(FD) : nullptr;
    if (!F || F->request_arg == PG_NO_ARG || F->request_fails == PG_FAIL_NEVER)
      continue;
    SVal Ret = N->getSVal(CE);
    SymbolRef Sym = Ret.getAsSymbol();
    if (!Sym)
      if (const MemRegion *MR = Ret.getAsRegion())
        if (const auto *SR = dyn_cast<SymbolicRegion>(MR->StripCasts()))
          Sym = SR->getSymbol();
    if (Sym)
      Outcomes.push_back({Sym, F->request_fails, FD->getName().str()});
  }
  if (!Outcomes.empty())
    R.addVisitor(std::make_unique<RequestOutcomeVisitor>(std::move(Outcomes)));
}

} // namespace poolguard
