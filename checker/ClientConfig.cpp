// The client-configuration engine's transfer functions. ClientConfig.h
// describes the records; ClientChecks.cpp holds the checkers' decisions.
#include "ClientConfig.h"

#include "CallRoles.h"
#include "ClientConfigReports.h"
#include "ClientState.h"
#include "Failure.h"
#include "HandleState.h"
#include "HelperSummary.h"
#include "Lifecycle.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SValBuilder.h"

using namespace clang;
using namespace clang::ento;

// Clients a helper of this file, evaluated without inlining, made
// requests on: counted when the call returns.
REGISTER_SET_WITH_PROGRAMSTATE(HelperRequests, SymbolRef)

namespace poolguard {

const pg_function *ClientConfigEngine::rolesOf(const CallEvent &Call) const {
  return Rules ? callRoles(Call, *Rules) : nullptr;
}

const ConfigModel &ClientConfigEngine::model(CheckerContext &C) const {
  if (!Model)
    Model = std::make_unique<ConfigModel>(*Rules, C.getASTContext());
  return *Model;
}

static SymbolRef argSymbol(const CallEvent &Call, int Arg) {
  if (Arg < 0 || static_cast<unsigned>(Arg) >= Call.getNumArgs())
    return nullptr;
  return handleSymbol(Call.getArgSVal(Arg));
}

static unsigned saturatingInc(unsigned N) { return N < 255 ? N + 1 : N; }

// A record for Sym when the lifecycle engine knows where it came from.
// The callee of argument I when it is a call, without arguments, whose
// value never changes: a function declared const, or the type getter the
// rules select the acquisition by (g_object_new(SOUP_TYPE_SESSION, ...):
// soup_session_get_type ()). The analyzer gives each such call a new
// symbol, which is no other value.
static const FunctionDecl *fixedValueCall(const pg_function *F, unsigned I,
                                          const Expr *E) {
  const auto *CE = E ? dyn_cast<CallExpr>(E->IgnoreParenCasts()) : nullptr;
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  if (!FD || CE->getNumArgs() != 0 || !FD->getIdentifier())
    return nullptr;
  bool Fixed = FD->hasAttr<ConstAttr>();
  for (size_t A = 0; A < F->nacquire && !Fixed; ++A)
    Fixed = F->acquire[A].if_arg == static_cast<int>(I) &&
            FD->getName() == F->acquire[A].if_arg_call;
  return Fixed ? FD->getCanonicalDecl() : nullptr;
}

// Handles acquired on the path get one at acquisition; this covers the
// rest (for instance a handle acquired before a record could be made).
static const ClientRecord *ensureRecord(ProgramStateRef &State, SymbolRef Sym) {
  if (!Sym)
    return nullptr;
  if (const ClientRecord *R = clientRecord(State, Sym))
    return R;
  const Handle *H = trackedHandle(State, Sym);
  if (!H || H->Status == HandleStatus::Released)
    return nullptr;
  ClientRecord R;
  R.Kind = H->Kind;
  R.Acquirer = H->Acquirer;
  State = setRecord(State, Sym, R);
  return clientRecord(State, Sym);
}

// The end of a used client's life on this path: remember it at its
// creation site, for ClientPerRequest.
static ProgramStateRef complete(ProgramStateRef State, SymbolRef Sym,
                                const ClientRecord &R, const Expr *Release) {
  if (!R.Origin || R.Kind->role != PG_ROLE_CLIENT || R.Requests == 0 ||
      R.Escaped || pooledElsewhere(State, R))
    return State;
  CompletedClient Done;
  Done.Sym = Sym;
  Done.Kind = R.Kind;
  Done.Release = Release;
  const Handle *H = trackedHandle(State, Sym);
  Done.Holder = H && H->Holder ? H->Holder : R.Holder;
  Done.Requests = R.Requests;
  Done.OriginArgs = R.OriginArgs;
  Done.LastOutcome = R.LastOutcome;
  Done.LastOutcomeFails = R.LastOutcomeFails;
  return setCompleted(State, R.Origin, Done);
}

void ClientConfigEngine::onRelease(const pg_function *F, const CallEvent &Call,
                                   Transition &T, CheckerContext &C) const {
  SymbolRef Sym = argSymbol(Call, F->release->arg);
  const ClientRecord *R = clientRecord(T.State, Sym);
  const Handle *H = trackedHandle(T.State, Sym);
  // The lifecycle engine ran first: it knows whether the rule's kinds
  // accepted this handle.
  if (!R || !H || H->Status != HandleStatus::Released)
    return;
  ClientRecord Rec = *R;
  checkOneShotFunction(Sym, Rec, Call, T, C);
  if (Rec.Kind->role == PG_ROLE_CLIENT && Rec.Requests > 0 && !Rec.Escaped &&
      !pooledElsewhere(T.State, Rec))
    T.Notes.add(Sym, checkBit(CK_ClientPerRequest),
                std::string(Rec.Kind->description) +
                    quotedName(T.State, Sym, C.getPredecessor()) +
                    " destroyed by " + calleeName(Call) + "() after " +
                    std::to_string(Rec.Requests) +
                    (Rec.Requests == 1 ? " request" : " requests") +
                    ": its connections are closed with it");
  T.State = complete(T.State, Sym, Rec, Call.getOriginExpr());
  T.State = forget(T.State, Sym);
}

// An acquisition whose arguments include a value of the returned type
// copies another handle (curl_easy_duphandle): its options are unknown.
static bool copiesHandle(const CallEvent &Call) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD)
    return false;
  // Compared as written: CURL is `typedef void CURL`, so CURL * and
  // g_object_new's gpointer are the same type underneath. A plain void *
  // says nothing.
  QualType Ret = FD->getReturnType().getUnqualifiedType();
  if (!Ret->isPointerType() ||
      isa<BuiltinType>(Ret->getPointeeType().getTypePtr()))
    return false;
  for (unsigned I = 0, E = FD->getNumParams(); I < E; ++I)
    if (FD->getParamDecl(I)->getType().getUnqualifiedType() == Ret)
      return true;
  return false;
}

// The handle the call just acquired: the lifecycle engine recorded it with
// this call as its acquirer.
static SymbolRef acquiredSymbol(const pg_function *F, const CallEvent &Call,
                                ProgramStateRef State) {
  for (size_t I = 0; I < F->nacquire; ++I) {
    const pg_acquire &A = F->acquire[I];
    SymbolRef Sym = nullptr;
    if (A.out_arg == PG_NO_ARG) {
      Sym = handleSymbol(Call.getReturnValue());
    } else if (static_cast<unsigned>(A.out_arg) < Call.getNumArgs()) {
      const MemRegion *Out = Call.getArgSVal(A.out_arg).getAsRegion();
      QualType PtrTy = Call.getArgExpr(A.out_arg)->getType();
      if (Out && PtrTy->isPointerType())
        Sym = handleSymbol(State->getSVal(Out, PtrTy->getPointeeType()));
    }
    const Handle *H = trackedHandle(State, Sym);
    if (H && H->Acquirer == F && H->Status == HandleStatus::Owned &&
        !clientRecord(State, Sym))
      return Sym;
  }
  return nullptr;
}

void ClientConfigEngine::onAcquire(const pg_function *F, const CallEvent &Call,
                                   Transition &T, CheckerContext &C) const {
  SymbolRef Sym = acquiredSymbol(F, Call, T.State);
  if (!Sym)
    return;
  const Handle *H = trackedHandle(T.State, Sym);
  ClientRecord R;
  R.Kind = H->Kind;
  R.Acquirer = F;
  R.Origin = Call.getOriginExpr();
  R.OriginFrame = C.getStackFrame();
  llvm::FoldingSetNodeID Args;
  for (unsigned I = 0, E = Call.getNumArgs(); I < E; ++I) {
    if (const FunctionDecl *Fixed = fixedValueCall(F, I, Call.getArgExpr(I))) {
      Args.AddPointer(Fixed);
      continue;
    }
    Call.getArgSVal(I).Profile(Args);
  }
  R.OriginArgs = Args.ComputeHash();
  R.ConfigUnknown = copiesHandle(Call);
  if (R.Kind->role != PG_ROLE_CLIENT)
    for (unsigned I = 0, E = Call.getNumArgs(); I < E && !R.Parent; ++I) {
      SymbolRef A = argSymbol(Call, I);
      const ClientRecord *P = clientRecord(T.State, A);
      if (P && P->Kind->role == PG_ROLE_CLIENT)
        R.Parent = A;
    }
  // Options given to the constructor (soup_session_new_with_options).
  llvm::SmallVector<ConfiguredOption, 4> Options;
  if (F->configure && F->configure->arg == PG_NO_ARG) {
    bool Unresolved = false;
    Options = configuredOptions(*F->configure, Call, T.State,
                                C.getSValBuilder(), &Unresolved);
    R.ConfigUnknown |= Unresolved;
  }
  T.State = setRecord(T.State, Sym, R);
  for (const ConfiguredOption &O : Options) {
    OptionSetting S;
    S.Opt = O.Opt;
    S.Val = O.Val;
    S.Call = Call.getOriginExpr();
    S.Frame = C.getStackFrame();
    T.State = setSetting(T.State, Sym, S);
  }
  if (R.Kind->role == PG_ROLE_CLIENT)
    T.Notes.add(Sym,
                checkBit(CK_ClientPerRequest) | checkBit(CK_PoolLimits) |
                    checkBit(CK_NoTimeout) | checkBit(CK_ReuseDisabled),
                std::string(R.Kind->description) + " created by " +
                    calleeName(Call) + "()");
  checkRecreated(Sym, R, T, C);
}

// A call that adds a named value to what is set (CURLSHOPT_SHARE,
// soup_message_add_flags) or takes it away (CURLSHOPT_UNSHARE,
// soup_message_remove_flags): a call with another value changes nothing.
static void combineNamedValue(SymbolRef Sym, const ConfiguredOption &O,
                              const std::string &Name, const CallEvent &Call,
                              Transition &T, CheckerContext &C) {
  if (O.Val.Kind == ValueKind::Zero)
    return;
  bool Remove = O.Opt->combine == PG_COMBINE_REMOVE;
  llvm::SmallVector<OptionSetting, 2> Changed;
  if (Remove) {
    // Every setting of this value, whichever call made it.
    for (const OptionSetting &S : settingsOf(T.State, Sym))
      if (S.Opt->effect == O.Opt->effect && S.Opt->value &&
          !strcmp(S.Opt->value, O.Opt->value))
        Changed.push_back(S);
  } else {
    // Adding an unknown value never takes away a value already set.
    const OptionSetting *Old = setting(T.State, Sym, O.Opt->name);
    if (O.Val.Kind == ValueKind::Unknown && Old &&
        activity(*Old->Opt, Old->Val) == Activity::Active)
      return;
    OptionSetting S;
    S.Opt = O.Opt;
    Changed.push_back(S);
  }
  for (OptionSetting &S : Changed) {
    S.Val = O.Val;
    if (Remove && O.Val.Kind == ValueKind::NonZero)
      S.Val.Kind = ValueKind::Zero;
    S.Call = Call.getOriginExpr();
    S.Frame = C.getStackFrame();
    T.State = setSetting(T.State, Sym, S);
  }
  if (Changed.empty())
    return;
  T.Notes.add(Sym, checksForEffect(O.Opt->effect),
              std::string(O.Opt->value) + (Remove ? " removed" : " added") +
                  " on" + (Name.empty() ? std::string(" the handle") : Name) +
                  " by " + calleeName(Call) + "()");
}

void ClientConfigEngine::onConfigure(const pg_function *F,
                                     const CallEvent &Call, Transition &T,
                                     CheckerContext &C) const {
  SymbolRef Sym = argSymbol(Call, F->configure->arg);
  const ClientRecord *R = ensureRecord(T.State, Sym);
  if (!R)
    return;
  ClientRecord Rec = *R;
  std::string Name = quotedName(T.State, Sym, C.getPredecessor());
  bool Unresolved = false;
  auto Options = configuredOptions(*F->configure, Call, T.State,
                                   C.getSValBuilder(), &Unresolved);
  // An option the path cannot name may be any of them.
  Rec.ConfigUnknown |= Unresolved;
  // Ignored by the library: those settings do not change anything.
  llvm::SmallVector<ConfiguredOption, 2> Ignored;
  for (const ConfiguredOption &O : Options)
    if (model(C).constructOnly(*O.Opt))
      Ignored.push_back(O);
  if (!Ignored.empty()) {
    checkConstructOnly(Sym, Rec, Ignored, Call, T, C);
    if (const ClientRecord *Now = clientRecord(T.State, Sym))
      Rec = *Now;
  }
  for (const ConfiguredOption &O : Options) {
    if (model(C).constructOnly(*O.Opt))
      continue;
    if (O.Opt->combine != PG_COMBINE_SET) {
      combineNamedValue(Sym, O, Name, Call, T, C);
      continue;
    }
    if (O.Opt->effect == PG_EFFECT_SHARE)
      Rec.Share = O.Val.Kind == ValueKind::Zero ? nullptr : O.Val.Handle;
    OptionSetting S;
    S.Opt = O.Opt;
    S.Val = O.Val;
    S.Call = Call.getOriginExpr();
    S.Frame = C.getStackFrame();
    T.State = setSetting(T.State, Sym, S);
    T.Notes.add(Sym, checksForEffect(O.Opt->effect),
                std::string(O.Opt->name) + " set to " +
                    describeValue(*O.Opt, O.Val) + " on" +
                    (Name.empty() ? std::string(" the handle") : Name) +
                    " by " + calleeName(Call) + "()");
  }
  T.State = setRecord(T.State, Sym, Rec);
}

void ClientConfigEngine::onReset(const pg_function *F, const CallEvent &Call,
                                 Transition &T, CheckerContext &C) const {
  SymbolRef Sym = argSymbol(Call, F->reset_arg);
  const ClientRecord *R = ensureRecord(T.State, Sym);
  if (!R)
    return;
  ClientRecord Rec = *R;
  Rec.Share = nullptr;
  // Every option is back to its default: known again.
  Rec.ConfigUnknown = Rec.Escaped;
  T.State = setRecord(clearSettings(T.State, Sym), Sym, Rec);
  T.Notes.add(Sym, checkBit(CK_NoTimeout) | checkBit(CK_ReuseDisabled),
              calleeName(Call) + "() resets every option of" +
                  quotedName(T.State, Sym, C.getPredecessor()) +
                  " to its default");
}

// Whether S runs inside a loop that may run many times: in its own
// function, or at a call site inside a loop in a caller on the stack.
// A loop whose condition compares with a constant at most Max
// (`for (i = 0; i < HANDLECOUNT; i++)`) runs a known, small number of
// times: the joins it makes are counted one by one instead.
static bool smallConstantBound(const Stmt *Loop, const ASTContext &Ctx,
                               int Max) {
  const Expr *Cond = nullptr;
  if (const auto *F = dyn_cast<ForStmt>(Loop))
    Cond = F->getCond();
  else if (const auto *W = dyn_cast<WhileStmt>(Loop))
    Cond = W->getCond();
  else if (const auto *D = dyn_cast<DoStmt>(Loop))
    Cond = D->getCond();
  const auto *BO =
      dyn_cast_or_null<BinaryOperator>(Cond ? Cond->IgnoreParenImpCasts()
                                            : nullptr);
  if (!BO || !BO->isComparisonOp())
    return false;
  for (const Expr *Side : {BO->getLHS(), BO->getRHS()}) {
    Expr::EvalResult R;
    if (!Side->isValueDependent() && Side->EvaluateAsInt(R, Ctx))
      return R.Val.getInt().getSExtValue() <= Max;
  }
  return false;
}

static bool encloses(const Stmt *Outer, const Stmt *S, const ParentMap &PM) {
  for (; S; S = PM.getParent(S))
    if (S == Outer)
      return true;
  return false;
}

// A loop that also creates the pool (Origin, in OriginFrame) gives each
// pool only the handles of one iteration: it does not count.
static bool inLoop(const Stmt *S, const StackFrameContext *SFC,
                   const ASTContext &Ctx, int MaxBound, const Stmt *Origin,
                   const StackFrameContext *OriginFrame) {
  while (S && SFC) {
    ParentMap &PM = SFC->getAnalysisDeclContext()->getParentMap();
    for (const Stmt *Child = S, *P = PM.getParent(S); P;
         Child = P, P = PM.getParent(P)) {
      if (const auto *F = dyn_cast<ForStmt>(P))
        if (Child == F->getInit())
          continue;
      if (isa<ForStmt, WhileStmt, DoStmt>(P) &&
          !smallConstantBound(P, Ctx, MaxBound) &&
          !(SFC == OriginFrame && encloses(P, Origin, PM)))
        return true;
    }
    S = SFC->getCallSite();
    const LocationContext *Parent = SFC->getParent();
    SFC = Parent ? Parent->getStackFrame() : nullptr;
  }
  return false;
}

void ClientConfigEngine::onJoin(const pg_function *F, const CallEvent &Call,
                                Transition &T, CheckerContext &C) const {
  SymbolRef Member = argSymbol(Call, F->joins_pool->arg);
  SymbolRef Pool = argSymbol(Call, F->joins_pool->pool_arg);
  if (const ClientRecord *M = ensureRecord(T.State, Member)) {
    ClientRecord Rec = *M;
    Rec.Pool = Pool ? Pool : Member; // an unknown pool is still a pool
    Rec.JoinCall = Call.getOriginExpr();
    Rec.JoinFrame = C.getStackFrame();
    if (const Handle *H = trackedHandle(T.State, Member))
      Rec.JoinHolder = H->Holder;
    T.State = setRecord(T.State, Member, Rec);
  }
  if (const ClientRecord *P = ensureRecord(T.State, Pool)) {
    ClientRecord Rec = *P;
    // Handles added one after another, each removed before the next
    // (`run_one(m, e)` in a loop), never share the pool: count how many
    // are in it at once. The last add, if the path took it as failed,
    // added nothing.
    if (Rec.LastJoin && Rec.Members > 0 &&
        failureTruth(T.State, Rec.LastJoin, Rec.LastJoinFails)
            .isConstrainedTrue())
      --Rec.Members;
    Rec.LastJoin = Call.getReturnValue().getAsSymbol();
    Rec.LastJoinFails = F->transfer && F->transfer->on_success_only
                            ? F->transfer->fails
                            : PG_FAIL_NEVER;
    Rec.Members = saturatingInc(Rec.Members);
    Rec.Joins = std::max(Rec.Joins, Rec.Members);
    Rec.JoinedInLoop |= Rec.Members > 1 &&
                        inLoop(Call.getOriginExpr(), C.getStackFrame(),
                               C.getASTContext(), MaxUnlimitedHandles,
                               Rec.Origin, Rec.OriginFrame);
    T.State = setRecord(T.State, Pool, Rec);
  }
}

// curl_multi_remove_handle(m, e): one handle fewer in the pool.
void ClientConfigEngine::onReclaim(const pg_function *F, const CallEvent &Call,
                                   Transition &T) const {
  (void)F;
  for (unsigned I = 0, E = Call.getNumArgs(); I < E; ++I) {
    const ClientRecord *P = clientRecord(T.State, argSymbol(Call, I));
    if (!P || P->Members == 0)
      continue;
    ClientRecord Rec = *P;
    --Rec.Members;
    T.State = setRecord(T.State, argSymbol(Call, I), Rec);
  }
}

// A client of unknown origin (a parameter) that a request runs on, with a
// record whose configuration is unknown: what the messages sent on it do
// to it still counts. Null when the argument is no client kind's type.
static SymbolRef unknownClient(ProgramStateRef &State, SymbolRef Sym,
                               const CallEvent &Call, int Arg,
                               const RuleSet &Rules) {
  if (!Sym || trackedHandle(State, Sym) || Arg < 0 ||
      static_cast<unsigned>(Arg) >= Call.getNumArgs())
    return nullptr;
  if (clientRecord(State, Sym))
    return Sym;
  std::string Spelled = Call.getArgExpr(Arg)
                            ->IgnoreParenImpCasts()
                            ->getType()
                            .getUnqualifiedType()
                            .getAsString();
  const pg_rules *R = Rules.raw();
  for (size_t I = 0, N = pg_rules_kind_count(R); I < N; ++I) {
    const pg_kind *K = pg_rules_kind_at(R, I);
    if (K->role != PG_ROLE_CLIENT || Spelled != K->type)
      continue;
    ClientRecord Rec;
    Rec.Kind = K;
    Rec.ConfigUnknown = true;
    State = setRecord(State, Sym, Rec);
    return Sym;
  }
  return nullptr;
}

void ClientConfigEngine::onRequest(const pg_function *F, const CallEvent &Call,
                                   Transition &T, CheckerContext &C) const {
  SymbolRef Target = argSymbol(Call, F->request_arg);
  const ClientRecord *R = ensureRecord(T.State, Target);
  // The client the request runs on: the target, or the client the target
  // was created on (ne_request_dispatch(req) runs on req's session).
  SymbolRef Client = nullptr;
  if (R && R->Kind->role == PG_ROLE_CLIENT)
    Client = Target;
  else if (R && clientRecord(T.State, R->Parent))
    Client = R->Parent;
  // The other handles the request sends (a SoupMessage).
  llvm::SmallVector<SymbolRef, 2> Sent;
  if (R && Target != Client)
    Sent.push_back(Target);
  for (unsigned I = 0, E = Call.getNumArgs(); I < E; ++I) {
    SymbolRef A = argSymbol(Call, I);
    const ClientRecord *AR = clientRecord(T.State, A);
    if (AR && A != Client && A != Target && AR->Kind->role != PG_ROLE_CLIENT)
      Sent.push_back(A);
  }
  for (SymbolRef S : Sent) {
    ClientRecord Rec = *clientRecord(T.State, S);
    Rec.Requests = saturatingInc(Rec.Requests);
    T.State = setRecord(T.State, S, Rec);
  }
  if (!Client) {
    // A session of unknown origin (a parameter) sending messages of known
    // origin: their own flags still count, per message and per session.
    if (Sent.empty())
      return;
    SymbolRef Unknown =
        unknownClient(T.State, Target, Call, F->request_arg, *Rules);
    if (Unknown) {
      ClientRecord Rec = *clientRecord(T.State, Unknown);
      Rec.Requests = saturatingInc(Rec.Requests);
      T.State = setRecord(T.State, Unknown, Rec);
    }
    checkReuse(Unknown, Sent, Call, T, C);
    return;
  }
  ClientRecord Rec = *clientRecord(T.State, Client);
  Rec.Requests = saturatingInc(Rec.Requests);
  Rec.LastOutcome = Call.getReturnValue().getAsSymbol();
  Rec.LastOutcomeFails = Rec.LastOutcome ? F->request_fails : PG_FAIL_NEVER;
  if (const Handle *H = trackedHandle(T.State, Client))
    Rec.Holder = H->Holder;
  T.State = setRecord(T.State, Client, Rec);

  checkReuse(Client, Sent, Call, T, C);
  checkPoolLimits(Client, Call, T, C);
  checkTimeout(Client, Call, T, C);
  // A request on a pool runs the transfers of the handles that joined it.
  for (const auto &E : allRecords(T.State))
    if (E.second.Pool == Client && E.first != Client)
      checkTimeout(E.first, Call, T, C);
}

// A helper the analyzer did not inline made requests on a client: they
// count at the call, as one request.
void ClientConfigEngine::onHelperRequests(const CallEvent &Call, Transition &T,
                                          CheckerContext &C) const {
  for (unsigned I = 0, E = Call.getNumArgs(); I < E; ++I) {
    SymbolRef Sym = argSymbol(Call, I);
    if (!Sym || !T.State->contains<HelperRequests>(Sym))
      continue;
    T.State = T.State->remove<HelperRequests>(Sym);
    pg_function Request = {};
    Request.name = "(helper)";
    Request.request_arg = static_cast<int>(I);
    Request.request_fails = PG_FAIL_NEVER;
    Request.drops_connection_arg = PG_NO_ARG;
    Request.adds_reference_arg = PG_NO_ARG;
    onRequest(&Request, Call, T, C);
  }
}

void ClientConfigEngine::checkPostCall(const CallEvent &Call,
                                       CheckerContext &C) const {
  const pg_function *F = rolesOf(Call);
  Transition T;
  T.State = C.getState();
  if (!F) {
    if (T.State->get<HelperRequests>().isEmpty())
      return;
    onHelperRequests(Call, T, C);
    if (T.State != C.getState() || !T.Notes.empty() || !T.Reports.empty())
      T.finish(Reports, C);
    return;
  }
  if (F->release)
    onRelease(F, Call, T, C);
  if (F->nacquire)
    onAcquire(F, Call, T, C);
  if (F->configure && F->configure->arg != PG_NO_ARG)
    onConfigure(F, Call, T, C);
  if (F->reset_arg != PG_NO_ARG)
    onReset(F, Call, T, C);
  if (F->joins_pool)
    onJoin(F, Call, T, C);
  if (F->reclaim_arg != PG_NO_ARG)
    onReclaim(F, Call, T);
  if (F->request_arg != PG_NO_ARG)
    onRequest(F, Call, T, C);
  if (T.State == C.getState() && T.Notes.empty() && T.Reports.empty())
    return;
  T.finish(Reports, C);
}

void ClientConfigEngine::checkLiveSymbols(ProgramStateRef State,
                                          SymbolReaper &SR) const {
  keepOutcomesAlive(State, SR);
}

void ClientConfigEngine::checkDeadSymbols(SymbolReaper &SR,
                                          CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  for (const auto &E : allRecords(State)) {
    if (!SR.isDead(E.first))
      continue;
    // A handle that joined a pool lives on in it (curl_multi_add_handle in
    // a loop): the pool's requests run its transfer.
    if (E.second.Pool && clientRecord(State, E.second.Pool) &&
        !SR.isDead(E.second.Pool))
      continue;
    State = complete(State, E.first, E.second, nullptr);
    State = forget(State, E.first);
  }
  if (State != C.getState())
    C.addTransition(State);
}

// The argument position of Sym in a call to a helper that makes requests
// on it, if any.
static std::optional<unsigned> helperArgIndex(const CallEvent &Call,
                                              SymbolRef Sym,
                                              const RuleSet &Rules) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  for (unsigned I = 0, E = Call.getNumArgs(); FD && I < E; ++I)
    if (argSymbol(Call, I) == Sym && helperRequests(FD, I, Rules))
      return I;
  return std::nullopt;
}

static bool helperConfigures(const CallEvent &Call, SymbolRef Sym,
                             const RuleSet &Rules) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  for (unsigned I = 0, E = Call.getNumArgs(); FD && I < E; ++I)
    if (argSymbol(Call, I) == Sym &&
        helperArgUse(FD, I, Rules) == ArgUse::Configures)
      return true;
  return false;
}

ProgramStateRef ClientConfigEngine::checkPointerEscape(
    ProgramStateRef State, const InvalidatedSymbols &Escaped,
    const CallEvent *Call, PointerEscapeKind Kind) const {
  // Calls into a modeled library only use the handles they are given. A
  // store into memory the caller can reach (`p->session = ...`) leaves the
  // configuration as known as it was: code that could change it later has
  // to be called first, and that call is an escape of its own.
  if ((Call && rolesOf(*Call)) || Kind == PSK_EscapeOnBind)
    return State;
  for (SymbolRef Sym : Escaped)
    if (const ClientRecord *R = clientRecord(State, Sym)) {
      ClientRecord Rec = *R;
      // A helper of this file that the analyzer did not inline: if it only
      // borrows the client, nothing changes; if it configures it, its
      // options are no longer all known.
      if (Call && borrowedByHelper(*Call, Sym, Kind, *Rules)) {
        if (helperConfigures(*Call, Sym, *Rules)) {
          Rec.ConfigUnknown = true;
          State = setRecord(State, Sym, Rec);
        }
        // Its requests on the client count at the call (checkPostCall).
        if (helperArgIndex(*Call, Sym, *Rules))
          State = State->add<HelperRequests>(Sym);
        continue;
      }
      Rec.Escaped = true;
      Rec.ConfigUnknown = true;
      State = setRecord(State, Sym, Rec);
    }
  return State;
}

} // namespace poolguard
