#include "ClientConfigReports.h"

#include "HandleState.h"
#include "Lifecycle.h"
#include "Reports.h"

#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"

using namespace clang;
using namespace clang::ento;

namespace poolguard {

const NoteTag *ConfigNotes::tag(const CheckSet &Reports,
                                CheckerContext &C) const {
  if (Notes.empty())
    return nullptr;
  auto Copy = Notes;
  const CheckSet *Set = &Reports;
  return C.getNoteTag([Set, Copy](PathSensitiveBugReport &BR) -> std::string {
    for (const Note &N : Copy) {
      for (unsigned K = 0; K < CK_NumKinds; ++K)
        if ((N.Checks & (1u << K)) && Set->Enabled[K] &&
            &Set->bugType(static_cast<CheckKind>(K)) == &BR.getBugType() &&
            BR.isInteresting(N.Sym))
          return N.Text;
    }
    return "";
  });
}

void Transition::finish(const CheckSet &Checks, CheckerContext &C) {
  const NoteTag *Tag = Notes.tag(Checks, C);
  if (Reports.empty()) {
    C.addTransition(State, Tag);
    return;
  }
  ExplodedNode *N = C.generateNonFatalErrorNode(State, Tag);
  if (!N)
    return;
  for (PendingReport &P : Reports) {
    std::unique_ptr<PathSensitiveBugReport> R;
    if (P.UniqueAt && P.UniqueIn)
      R = std::make_unique<PathSensitiveBugReport>(
          Checks.bugType(P.Kind), P.Message, N,
          PathDiagnosticLocation::createBegin(P.UniqueAt, C.getSourceManager(),
                                              P.UniqueIn),
          P.UniqueIn->getDecl());
    else
      R = std::make_unique<PathSensitiveBugReport>(Checks.bugType(P.Kind),
                                                   P.Message, N);
    for (SymbolRef S : P.Interesting)
      R->markInteresting(S);
    for (const FixItHint &F : P.Fixes)
      addFixIt(*R, F);
    C.emitReport(std::move(R));
  }
}

std::string quotedName(ProgramStateRef State, SymbolRef Sym,
                       const ExplodedNode *N, const MemRegion *Holder) {
  const Handle *H = trackedHandle(State, Sym);
  // An untracked handle (a parameter, a field) is named by where it was
  // read from.
  if (!H && !Holder)
    if (const auto *RV = dyn_cast_or_null<SymbolRegionValue>(Sym))
      Holder = RV->getRegion();
  if (!H)
    return Holder && Holder->canPrintPretty()
               ? " '" + Holder->getDescriptiveName(false) + "'"
               : std::string();
  HandleName Name = nameHandle(*H, Sym, N);
  return Name.Expr.empty() ? std::string() : " '" + Name.Expr + "'";
}

std::string calleeName(const CallEvent &Call) {
  if (const IdentifierInfo *II = Call.getCalleeIdentifier())
    return II->getName().str();
  return "the call";
}

unsigned checksForEffect(pg_effect E) {
  switch (E) {
  case PG_EFFECT_TIMEOUT:
  case PG_EFFECT_LOW_SPEED_LIMIT:
  case PG_EFFECT_LOW_SPEED_TIME:
    return checkBit(CK_NoTimeout);
  case PG_EFFECT_POOL_LIMIT:
  case PG_EFFECT_POOL_LIMIT_PER_HOST:
    return checkBit(CK_PoolLimits);
  case PG_EFFECT_REUSE_DISABLED:
  case PG_EFFECT_REUSE_ENABLED:
  case PG_EFFECT_NEW_CONNECTION:
    return checkBit(CK_ReuseDisabled);
  case PG_EFFECT_SHARE:
  case PG_EFFECT_SHARE_CONNECTIONS:
    return checkBit(CK_ClientPerRequest);
  case PG_EFFECT_DATA_CALLBACK: // checked in the callback (DataCallbacks.h)
    return 0;
  }
  return 0;
}

std::string reuseAdvice(const pg_kind *K, const pg_function *Acquirer,
                        const ConfigModel &M) {
  std::string Desc = K->description;
  if (const pg_function *Reset = M.resetFunction(K))
    return "reuse one " + Desc + " for every request (" + Reset->name +
           "() between requests resets its options and keeps its "
           "connections)";
  // A constructor that takes fixed arguments (ne_session_create(scheme,
  // host, port)) makes a client for one destination.
  if (Acquirer && Acquirer->params > 0 && !Acquirer->variadic &&
      !Acquirer->configure)
    return "keep one " + Desc + " per " + Acquirer->name +
           "() destination and reuse it for every request to it";
  return "create one " + Desc +
         " for the whole program and reuse it for "
         "every request";
}

std::string joinNames(llvm::ArrayRef<std::string> Names, llvm::StringRef Last) {
  std::string Out;
  for (size_t I = 0; I < Names.size(); ++I) {
    if (I > 0)
      Out += I + 1 == Names.size() ? " " + Last.str() + " " : ", ";
    Out += Names[I];
  }
  return Out;
}

} // namespace poolguard
