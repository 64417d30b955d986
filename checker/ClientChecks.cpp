// The decisions of ClientPerRequest, PoolLimits, ReuseDisabled and
// NoTimeout, on the records the engine keeps (ClientConfig.cpp). Every
// option, default and fix template comes from the rules.
#include "ClientConfig.h"

#include "ClientConfigReports.h"
#include "ClientFixits.h"
#include "ClientState.h"
#include "Failure.h"

#include "clang/AST/Decl.h"

#include <cstring>

using namespace clang;
using namespace clang::ento;

namespace poolguard {

namespace {

// An option's value on a handle: its last setting, else its default.
struct Effective {
  const pg_option *Opt;
  OptionValue Val;
  bool IsDefault;
  const Expr *Call;      // the setting call, or null for a default
  const pg_function *Fn; // where a default comes from
};

} // namespace

// Settings in the order the program makes them (the state map's order is
// that of interned names): messages read the same on every run.
static llvm::SmallVector<OptionSetting, 4>
settingsInOrder(ProgramStateRef State, SymbolRef Sym, const SourceManager &SM) {
  llvm::SmallVector<OptionSetting, 4> Out = settingsOf(State, Sym);
  // Ties (two options of one call) in name order: the same on every run.
  llvm::sort(Out, [&SM](const OptionSetting &A, const OptionSetting &B) {
    if (A.Call != B.Call) {
      if (!A.Call || !B.Call)
        return A.Call && !B.Call;
      SourceLocation LA = SM.getExpansionLoc(A.Call->getBeginLoc());
      SourceLocation LB = SM.getExpansionLoc(B.Call->getBeginLoc());
      if (LA != LB)
        return SM.isBeforeInTranslationUnit(LA, LB);
    }
    return std::strcmp(A.Opt->name, B.Opt->name) < 0;
  });
  return Out;
}

static OptionValue defaultValue(const pg_option &O) {
  OptionValue V;
  if (!O.has_default)
    return V;
  V.Exact = true;
  V.Value = O.default_value;
  V.Kind = V.Value == 0 ? ValueKind::Zero : ValueKind::NonZero;
  return V;
}

// The options of effect E on handle Sym: what the path set, then the
// defaults of the kind's options it did not set.
static llvm::SmallVector<Effective, 4>
effective(ProgramStateRef State, SymbolRef Sym, const ClientRecord &R,
          const ConfigModel &M, pg_effect E, const SourceManager &SM) {
  llvm::SmallVector<Effective, 4> Out;
  llvm::SmallVector<const char *, 4> Seen;
  for (const OptionSetting &S : settingsInOrder(State, Sym, SM)) {
    // Setting 0 where 0 means "keep the default" changes nothing.
    if (S.Opt->effect != E ||
        (S.Opt->zero_keeps_default && S.Val.Kind == ValueKind::Zero))
      continue;
    OptionValue V = S.Val;
    // A negative value where that means "never" (neon's read timeout).
    if (S.Opt->negative_disables && V.Exact && V.Value < 0)
      V.Kind = ValueKind::Zero;
    Out.push_back({S.Opt, V, false, S.Call, nullptr});
    Seen.push_back(optionKey(S.Opt->name));
  }
  for (const KindOption &KO : M.kindOptions(R.Kind, R.Acquirer))
    if (KO.Opt->effect == E &&
        !llvm::is_contained(Seen, optionKey(KO.Opt->name)))
      Out.push_back({KO.Opt, defaultValue(*KO.Opt), true, nullptr, KO.Fn});
  return Out;
}

static std::string calleeOf(const Expr *Call) {
  const auto *CE = dyn_cast_or_null<CallExpr>(Call);
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  return FD && FD->getIdentifier() ? FD->getName().str() + "()"
                                   : std::string("a call");
}

static std::string plural(unsigned N, const char *One, const char *Many) {
  return std::to_string(N) + " " + (N == 1 ? One : Many);
}

// ---- ClientPerRequest -----------------------------------------------------

void ClientConfigEngine::checkRecreated(SymbolRef Sym, const ClientRecord &R,
                                        Transition &T,
                                        CheckerContext &C) const {
  if (R.Kind->role != PG_ROLE_CLIENT)
    return;
  const CompletedClient *Prev = completedAt(T.State, R.Origin);
  if (!Prev)
    return;
  CompletedClient P = *Prev;
  T.State = removeCompleted(T.State, R.Origin);
  // Created with other values (the next host of a list): a client for
  // another destination, not the same one again. Created again after its
  // last request failed (a retry, the next mirror): its connection was of
  // no use.
  if (!Reports.Enabled[CK_ClientPerRequest] || P.OriginArgs != R.OriginArgs ||
      (P.LastOutcome &&
       failureTruth(T.State, P.LastOutcome, P.LastOutcomeFails)
           .isConstrainedTrue()))
    return;
  std::string Name;
  if (P.Holder && P.Holder->canPrintPretty())
    Name = " '" + P.Holder->getDescriptiveName(false) + "'";
  std::string Msg =
      std::string(R.Kind->description) + Name +
      " is created again here after the previous one from this " +
      R.Acquirer->name + "() was used and " +
      (P.Release ? "destroyed" : "dropped") +
      ": every request pays for a new connection (TCP and TLS handshake); " +
      reuseAdvice(R.Kind, R.Acquirer, model(C));
  T.Reports.push_back({CK_ClientPerRequest, Msg, {P.Sym, Sym}, {}});
}

void ClientConfigEngine::checkOneShotFunction(SymbolRef Sym,
                                              const ClientRecord &R,
                                              const CallEvent &Call,
                                              Transition &T,
                                              CheckerContext &C) const {
  if (!Aggressive || !Reports.Enabled[CK_ClientPerRequest] ||
      R.Kind->role != PG_ROLE_CLIENT || R.Requests != 1 || R.Escaped ||
      R.OriginFrame != C.getStackFrame() || pooledElsewhere(T.State, R))
    return;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(C.getStackFrame()->getDecl());
  if (!FD || FD->isMain() || !FD->isExternallyVisible() || !FD->getIdentifier())
    return;
  std::string Msg = std::string(R.Kind->description) +
                    quotedName(T.State, Sym, C.getPredecessor()) +
                    " is created, used for one request and destroyed on "
                    "every call of " +
                    FD->getName().str() +
                    "(), which other files can call repeatedly: each call "
                    "pays for a new connection (TCP and TLS handshake); " +
                    reuseAdvice(R.Kind, R.Acquirer, model(C));
  T.Reports.push_back({CK_ClientPerRequest, Msg, {Sym}, {}});
}

// ---- PoolLimits -----------------------------------------------------------

// "a", "a and b", "a, b and c".
static std::string listed(llvm::ArrayRef<std::string> Items) {
  std::string Out;
  for (size_t I = 0; I < Items.size(); ++I) {
    if (I)
      Out += I + 1 == Items.size() ? " and " : ", ";
    Out += Items[I];
  }
  return Out;
}

void ClientConfigEngine::checkConstructOnly(
    SymbolRef Sym, const ClientRecord &R,
    llvm::ArrayRef<ConfiguredOption> Ignored, const CallEvent &Call,
    Transition &T, CheckerContext &C) const {
  if (!Reports.Enabled[CK_PoolLimits] || R.reported(CK_PoolLimits) ||
      Ignored.empty())
    return;
  bool One = Ignored.size() == 1;
  llvm::SmallVector<std::string, 2> Names, Keeps;
  llvm::SmallVector<PropertyValue, 2> Props;
  bool Portable = true;
  for (const ConfiguredOption &O : Ignored) {
    Names.push_back(O.Opt->name);
    // What the handle keeps: its constructor's setting, else the default.
    for (const Effective &E : effective(T.State, Sym, R, model(C),
                                        O.Opt->effect, C.getSourceManager()))
      if (optionKey(E.Opt->name) == optionKey(O.Opt->name) && E.Val.Exact)
        Keeps.push_back((One ? "" : std::string(O.Opt->name) + " ") +
                        std::to_string(E.Val.Value));
    const Expr *ValueExpr =
        O.ValueArg < Call.getNumArgs() ? Call.getArgExpr(O.ValueArg) : nullptr;
    auto Text = ValueExpr ? portableValue(ValueExpr, R, C) : std::nullopt;
    if (Text)
      Props.push_back({O.Opt->name, *Text});
    Portable &= Text.has_value();
  }
  std::string Desc = R.Kind->description;
  std::string Msg =
      listed(Names) + (One ? " is" : " are") + " construct-only: set by " +
      calleeName(Call) + "() after " + Desc +
      quotedName(T.State, Sym, C.getPredecessor()) + " was created, " +
      (One ? "it is" : "they are") + " ignored" +
      (Keeps.size() == Ignored.size()
           ? " and the " + Desc + " keeps " + listed(Keeps)
           : std::string()) +
      "; pass " + (One ? "it" : "them") + " when the " + Desc +
      " is created";
  Fixes Fix;
  if (Portable) {
    Fixes Add = propertiesAtConstruction(R, Props, C, model(C));
    Fixes Remove = removeProperties(Call, *rolesOf(Call)->configure, Ignored, C);
    if (!Add.empty() && !Remove.empty()) {
      Fix.append(Add.begin(), Add.end());
      Fix.append(Remove.begin(), Remove.end());
    }
  }
  T.Reports.push_back(
      {CK_PoolLimits, Msg, {Sym}, Fix, R.Origin, R.OriginFrame});
  T.State = setRecord(T.State, Sym, R.withReported(CK_PoolLimits));
}

void ClientConfigEngine::checkPoolLimits(SymbolRef Sym, const CallEvent &Call,
                                         Transition &T,
                                         CheckerContext &C) const {
  const ClientRecord *RP = clientRecord(T.State, Sym);
  if (!RP || !Reports.Enabled[CK_PoolLimits] || RP->ConfigUnknown ||
      RP->reported(CK_PoolLimits))
    return;
  const ClientRecord R = *RP;
  const ConfigModel &M = model(C);
  std::string Desc = R.Kind->description;
  std::string Name = quotedName(T.State, Sym, C.getPredecessor());

  // A per-host limit below the threshold (libsoup's default of 2), for
  // options that limit by default. Where the default is no limit (curl's
  // CURLMOPT_MAX_HOST_CONNECTIONS), a low value is the program's choice:
  // 1 is right for HTTP/2 multiplexing.
  llvm::SmallVector<Effective, 4> PerHost = effective(
      T.State, Sym, R, M, PG_EFFECT_POOL_LIMIT_PER_HOST, C.getSourceManager());
  bool Known = llvm::all_of(PerHost, [](const Effective &E) {
    return E.Val.Kind != ValueKind::Unknown;
  });
  for (const Effective &E : PerHost) {
    if (!Known || !E.Val.Exact || E.Val.Value <= 0 ||
        E.Val.Value >= MinConnsPerHost || !E.Opt->has_default ||
        E.Opt->default_value <= 0)
      continue;
    std::string Msg =
        Desc + Name + " is used for requests with " + E.Opt->name +
        (E.IsDefault ? " at its default of " + std::to_string(E.Val.Value)
                     : " set to " + std::to_string(E.Val.Value) + " by " +
                           calleeOf(E.Call)) +
        ": concurrent requests to one host wait for a free connection, and "
        "a response that is not closed blocks the host; set " +
        E.Opt->name + " to at least " + std::to_string(MinConnsPerHost) +
        " when the " + Desc + " is created";
    Fixes Fix;
    if (M.constructOnly(*E.Opt) || E.IsDefault)
      Fix = propertiesAtConstruction(
          R, {{E.Opt->name, std::to_string(MinConnsPerHost)}}, C, M);
    T.Reports.push_back(
        {CK_PoolLimits, Msg, {Sym}, Fix, R.Origin, R.OriginFrame});
    T.State = setRecord(T.State, Sym, R.withReported(CK_PoolLimits));
    return;
  }

  // A pool that runs many transfers with no limit at all.
  if (R.Joins == 0 || (!R.JoinedInLoop &&
                       R.Joins <= static_cast<unsigned>(MaxUnlimitedHandles)))
    return;
  llvm::SmallVector<std::string, 2> Limits;
  const pg_option *FixOpt = nullptr;
  for (pg_effect E : {PG_EFFECT_POOL_LIMIT_PER_HOST, PG_EFFECT_POOL_LIMIT})
    for (const Effective &L :
         effective(T.State, Sym, R, M, E, C.getSourceManager())) {
      bool UnlimitedByDefault = L.Opt->has_default && L.Opt->default_value == 0;
      if (!L.IsDefault) {
        if (L.Val.Kind != ValueKind::Zero && UnlimitedByDefault)
          return; // limited (or set to a value the path does not know)
        continue;
      }
      if (!UnlimitedByDefault)
        continue;
      Limits.push_back(L.Opt->name);
      if (!FixOpt && L.Opt->fix)
        FixOpt = L.Opt;
    }
  if (Limits.empty())
    return;
  std::string Added = R.JoinedInLoop
                          ? std::string("handles added in a loop")
                          : plural(R.Joins, "handle", "handles") + " added";
  std::string Msg =
      Desc + Name + " runs transfers (" + Added +
      ") with no connection limit: " +
      (Limits.size() == 1 ? Limits[0] + " is not set"
                          : "neither " + joinNames(Limits, "nor") + " is set") +
      ", so every transfer may open its own connection to the same host; "
      "set a limit after " +
      R.Acquirer->name + "()";
  Fixes Fix;
  if (FixOpt)
    Fix = insertOptionAfterCreation(*FixOpt, MinConnsPerHost, Sym, R, C);
  T.Reports.push_back(
      {CK_PoolLimits, Msg, {Sym}, Fix, R.Origin, R.OriginFrame});
  T.State = setRecord(T.State, Sym, R.withReported(CK_PoolLimits));
}

// ---- ReuseDisabled --------------------------------------------------------

static bool disablesReuse(pg_effect E) {
  return E == PG_EFFECT_REUSE_DISABLED || E == PG_EFFECT_REUSE_ENABLED ||
         E == PG_EFFECT_NEW_CONNECTION;
}

void ClientConfigEngine::checkReuse(SymbolRef Client,
                                    llvm::ArrayRef<SymbolRef> Sent,
                                    const CallEvent &Call, Transition &T,
                                    CheckerContext &C) const {
  llvm::SmallVector<SymbolRef, 3> Involved;
  if (Client)
    Involved.push_back(Client);
  Involved.append(Sent.begin(), Sent.end());
  llvm::SmallVector<OptionSetting, 2> Disabling;
  llvm::SmallVector<SymbolRef, 3> DisabledBy;
  for (SymbolRef S : Involved) {
    const ClientRecord *R = clientRecord(T.State, S);
    if (!R || R->ConfigUnknown)
      continue;
    for (const OptionSetting &Set :
         settingsInOrder(T.State, S, C.getSourceManager()))
      if (disablesReuse(Set.Opt->effect) &&
          activity(*Set.Opt, Set.Val) == Activity::Active) {
        Disabling.push_back(Set);
        if (!llvm::is_contained(DisabledBy, S))
          DisabledBy.push_back(S);
      }
  }
  if (Disabling.empty())
    return;
  // The subject: a handle of known configuration that made a second such
  // request; failing that, a client of unknown configuration (a parameter)
  // that sent a second message that asks for a new connection.
  SymbolRef Subject = nullptr, UnknownSubject = nullptr;
  for (SymbolRef S : Involved) {
    const ClientRecord *R = clientRecord(T.State, S);
    if (!R)
      continue;
    ClientRecord Rec = *R;
    Rec.DisabledRequests = Rec.DisabledRequests < 255 ? Rec.DisabledRequests + 1
                                                      : Rec.DisabledRequests;
    T.State = setRecord(T.State, S, Rec);
    if (Rec.DisabledRequests < 2 || Rec.reported(CK_ReuseDisabled))
      continue;
    if (!Rec.ConfigUnknown && !Subject)
      Subject = S;
    else if (Rec.ConfigUnknown && !UnknownSubject &&
             !llvm::is_contained(DisabledBy, S))
      UnknownSubject = S;
  }
  if (!Subject)
    Subject = UnknownSubject;
  if (!Subject || !Reports.Enabled[CK_ReuseDisabled])
    return;
  const ClientRecord R = *clientRecord(T.State, Subject);
  llvm::SmallVector<std::string, 2> Why;
  for (const OptionSetting &S : Disabling)
    Why.push_back(std::string(S.Opt->name) + " set to " +
                  describeValue(*S.Opt, S.Val) + " by " + calleeOf(S.Call));
  std::string Msg = std::string(R.Kind->description) +
                    quotedName(T.State, Subject, C.getPredecessor()) +
                    " makes another request with connection reuse disabled (" +
                    joinNames(Why, "and") +
                    "): every request opens a new connection (TCP and TLS "
                    "handshake) instead of reusing one; remove " +
                    (Disabling.size() == 1 ? "that setting" : "those settings");
  PendingReport P{CK_ReuseDisabled, Msg,          {Subject}, {},
                  R.Origin,         R.OriginFrame};
  P.Interesting.append(DisabledBy.begin(), DisabledBy.end());
  P.Fixes = removeSettingCalls(Disabling, C);
  T.Reports.push_back(P);
  for (SymbolRef S : Involved)
    if (const ClientRecord *Now = clientRecord(T.State, S))
      T.State = setRecord(T.State, S, Now->withReported(CK_ReuseDisabled));
}

// ---- NoTimeout ------------------------------------------------------------

// Whether any of these options bounds the request: a non-zero value, or
// one the path does not know.
static bool anyBounds(llvm::ArrayRef<Effective> Opts) {
  return llvm::any_of(
      Opts, [](const Effective &E) { return E.Val.Kind != ValueKind::Zero; });
}

void ClientConfigEngine::checkTimeout(SymbolRef Sym, const CallEvent &Call,
                                      Transition &T, CheckerContext &C) const {
  const ClientRecord *RP = clientRecord(T.State, Sym);
  if (!RP || !Reports.Enabled[CK_NoTimeout] || RP->ConfigUnknown ||
      RP->reported(CK_NoTimeout))
    return;
  const ClientRecord R = *RP;
  const ConfigModel &M = model(C);
  auto Timeouts =
      effective(T.State, Sym, R, M, PG_EFFECT_TIMEOUT, C.getSourceManager());
  auto SpeedLimit = effective(T.State, Sym, R, M, PG_EFFECT_LOW_SPEED_LIMIT,
                              C.getSourceManager());
  auto SpeedTime = effective(T.State, Sym, R, M, PG_EFFECT_LOW_SPEED_TIME,
                             C.getSourceManager());
  if (Timeouts.empty() && (SpeedLimit.empty() || SpeedTime.empty()))
    return; // the kind has no timeout (a multi handle: its easy handles do)
  if (anyBounds(Timeouts))
    return;
  if (!SpeedLimit.empty() && !SpeedTime.empty() && anyBounds(SpeedLimit) &&
      anyBounds(SpeedTime))
    return;

  std::string Reason;
  for (const Effective &E : Timeouts)
    if (!E.IsDefault) {
      Reason = std::string(E.Opt->name) + " set to " +
               (E.Val.Exact ? std::to_string(E.Val.Value) : std::string("0")) +
               " by " + calleeOf(E.Call) + ", which means no timeout";
      break;
    }
  if (Reason.empty()) {
    llvm::SmallVector<std::string, 3> Names;
    for (const Effective &E : Timeouts)
      Names.push_back(E.Opt->name);
    if (!SpeedLimit.empty() && !SpeedTime.empty())
      Names.push_back(std::string(SpeedLimit[0].Opt->name) + " with " +
                      SpeedTime[0].Opt->name);
    Reason = Names.size() == 1
                 ? Names[0] + " is not set"
                 : "neither " + joinNames(Names, "nor") + " is set";
    // One of the pair set alone bounds nothing: say which one is missing.
    if (!SpeedLimit.empty() && !SpeedTime.empty() &&
        anyBounds(SpeedLimit) != anyBounds(SpeedTime))
      Reason += "; " +
                std::string(anyBounds(SpeedLimit) ? SpeedLimit[0].Opt->name
                                                  : SpeedTime[0].Opt->name) +
                " is set but " +
                (anyBounds(SpeedLimit) ? SpeedTime[0].Opt->name
                                       : SpeedLimit[0].Opt->name) +
                " is not, and neither works alone";
    if (!Timeouts.empty() && Timeouts[0].Fn && Timeouts[0].Fn == R.Acquirer)
      Reason += ", and " + std::string(Timeouts[0].Opt->name) +
                " defaults to 0 for " + R.Kind->description + "s from " +
                R.Acquirer->name + "()";
  }
  std::string Msg = std::string(R.Kind->description) +
                    quotedName(T.State, Sym, C.getPredecessor(), R.JoinHolder) +
                    " performs a request with no timeout (" + Reason +
                    "): a server that stops responding holds the request, "
                    "and its connection, forever";
  Fixes Fix;
  if (const pg_option *Opt =
          M.fixOption(R.Kind, R.Acquirer, PG_EFFECT_TIMEOUT)) {
    // A handle that joined a pool: before the call that added it.
    if (R.Pool && R.JoinCall)
      Fix = insertOptionBefore(*Opt, FixTimeoutSeconds, Sym, R.JoinCall,
                               R.JoinFrame, C, R.JoinHolder);
    else
      Fix = insertOptionBefore(*Opt, FixTimeoutSeconds, Sym,
                               Call.getOriginExpr(), C.getStackFrame(), C);
  }
  T.Reports.push_back({CK_NoTimeout, Msg, {Sym}, Fix, R.Origin, R.OriginFrame});
  T.State = setRecord(T.State, Sym, R.withReported(CK_NoTimeout));
}

} // namespace poolguard
