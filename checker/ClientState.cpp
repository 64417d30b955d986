#include "ClientState.h"

#include "clang/AST/Expr.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"

using namespace clang;
using namespace clang::ento;

REGISTER_MAP_WITH_PROGRAMSTATE(ClientRecords, SymbolRef,
                               poolguard::ClientRecord)
REGISTER_MAP_WITH_PROGRAMSTATE(ClientSettings, poolguard::SettingKey,
                               poolguard::OptionSetting)
REGISTER_MAP_WITH_PROGRAMSTATE(CompletedClients, const clang::Expr *,
                               poolguard::CompletedClient)

namespace poolguard {

bool ClientRecord::operator==(const ClientRecord &O) const {
  return Kind == O.Kind && Acquirer == O.Acquirer && Origin == O.Origin &&
         OriginFrame == O.OriginFrame && OriginArgs == O.OriginArgs &&
         Parent == O.Parent && Pool == O.Pool &&
         Share == O.Share && JoinCall == O.JoinCall &&
         JoinFrame == O.JoinFrame && JoinHolder == O.JoinHolder &&
         Holder == O.Holder && Requests == O.Requests &&
         DisabledRequests == O.DisabledRequests &&
         LastOutcome == O.LastOutcome &&
         LastOutcomeFails == O.LastOutcomeFails && Joins == O.Joins &&
         Members == O.Members && LastJoin == O.LastJoin &&
         LastJoinFails == O.LastJoinFails &&
         JoinedInLoop == O.JoinedInLoop && ConfigUnknown == O.ConfigUnknown &&
         Escaped == O.Escaped && Reported == O.Reported;
}

void ClientRecord::Profile(llvm::FoldingSetNodeID &ID) const {
  ID.AddPointer(Kind);
  ID.AddPointer(Acquirer);
  ID.AddPointer(Origin);
  ID.AddPointer(OriginFrame);
  ID.AddInteger(OriginArgs);
  ID.AddPointer(Parent);
  ID.AddPointer(Pool);
  ID.AddPointer(Share);
  ID.AddPointer(JoinCall);
  ID.AddPointer(JoinFrame);
  ID.AddPointer(JoinHolder);
  ID.AddPointer(Holder);
  ID.AddInteger(Requests);
  ID.AddInteger(DisabledRequests);
  ID.AddPointer(LastOutcome);
  ID.AddInteger(static_cast<int>(LastOutcomeFails));
  ID.AddInteger(Members);
  ID.AddPointer(LastJoin);
  ID.AddInteger(static_cast<int>(LastJoinFails));
  ID.AddInteger(Joins);
  ID.AddBoolean(JoinedInLoop);
  ID.AddBoolean(ConfigUnknown);
  ID.AddBoolean(Escaped);
  ID.AddInteger(Reported);
}

bool OptionSetting::operator==(const OptionSetting &O) const {
  return Opt == O.Opt && Val.Kind == O.Val.Kind && Val.Exact == O.Val.Exact &&
         Val.Value == O.Val.Value && Val.Handle == O.Val.Handle &&
         Call == O.Call && Frame == O.Frame;
}

void OptionSetting::Profile(llvm::FoldingSetNodeID &ID) const {
  ID.AddPointer(Opt);
  ID.AddInteger(static_cast<unsigned>(Val.Kind));
  ID.AddBoolean(Val.Exact);
  ID.AddInteger(Val.Value);
  ID.AddPointer(Val.Handle);
  ID.AddPointer(Call);
  ID.AddPointer(Frame);
}

const ClientRecord *clientRecord(ProgramStateRef State, SymbolRef Sym) {
  return Sym ? State->get<ClientRecords>(Sym) : nullptr;
}

ProgramStateRef setRecord(ProgramStateRef State, SymbolRef Sym,
                          const ClientRecord &R) {
  return State->set<ClientRecords>(Sym, R);
}

ProgramStateRef forget(ProgramStateRef State, SymbolRef Sym) {
  return clearSettings(State->remove<ClientRecords>(Sym), Sym);
}

llvm::SmallVector<std::pair<SymbolRef, ClientRecord>, 4>
allRecords(ProgramStateRef State) {
  llvm::SmallVector<std::pair<SymbolRef, ClientRecord>, 4> Out;
  for (const auto &E : State->get<ClientRecords>())
    Out.emplace_back(E.first, E.second);
  return Out;
}

const OptionSetting *setting(ProgramStateRef State, SymbolRef Sym,
                             const char *Name) {
  return State->get<ClientSettings>(SettingKey{Sym, Name});
}

llvm::SmallVector<OptionSetting, 4> settingsOf(ProgramStateRef State,
                                               SymbolRef Sym) {
  llvm::SmallVector<OptionSetting, 4> Out;
  for (const auto &E : State->get<ClientSettings>())
    if (E.first.Handle == Sym)
      Out.push_back(E.second);
  return Out;
}

ProgramStateRef setSetting(ProgramStateRef State, SymbolRef Sym,
                           const OptionSetting &S) {
  return State->set<ClientSettings>(SettingKey{Sym, optionKey(S.Opt->name)}, S);
}

ProgramStateRef clearSettings(ProgramStateRef State, SymbolRef Sym) {
  for (const auto &E : State->get<ClientSettings>())
    if (E.first.Handle == Sym)
      State = State->remove<ClientSettings>(E.first);
  return State;
}

// Only a status code: a pointer result is a handle of its own (the stream
// soup_session_send() returns), which must die when the program loses it,
// or its leak would go unseen.
static void keepOutcome(SymbolRef Outcome, SymbolReaper &SR) {
  if (Outcome && !Loc::isLocType(Outcome->getType()))
    SR.markLive(Outcome);
}

void keepOutcomesAlive(ProgramStateRef State, SymbolReaper &SR) {
  for (const auto &E : State->get<ClientRecords>()) {
    keepOutcome(E.second.LastOutcome, SR);
    keepOutcome(E.second.LastJoin, SR);
  }
  for (const auto &E : State->get<CompletedClients>())
    keepOutcome(E.second.LastOutcome, SR);
}

const CompletedClient *completedAt(ProgramStateRef State, const Expr *Origin) {
  return Origin ? State->get<CompletedClients>(Origin) : nullptr;
}

ProgramStateRef setCompleted(ProgramStateRef State, const Expr *Origin,
                             const CompletedClient &C) {
  return State->set<CompletedClients>(Origin, C);
}

ProgramStateRef removeCompleted(ProgramStateRef State, const Expr *Origin) {
  return State->remove<CompletedClients>(Origin);
}

// A client whose connections live in a pool owned by another handle: it
// joined a multi, or uses a share that shares connections (or a share whose
// configuration is unknown).
bool pooledElsewhere(ProgramStateRef State, const ClientRecord &R) {
  if (R.Pool)
    return true;
  if (!R.Share)
    return false;
  const ClientRecord *Share = clientRecord(State, R.Share);
  if (!Share || Share->ConfigUnknown)
    return true;
  for (const OptionSetting &S : settingsOf(State, R.Share))
    if (S.Opt->effect == PG_EFFECT_SHARE_CONNECTIONS &&
        activity(*S.Opt, S.Val) != Activity::Inactive)
      return true;
  return false;
}

} // namespace poolguard
