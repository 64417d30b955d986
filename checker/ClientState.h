// The client-configuration engine's program state (see ClientConfig.h):
// small immutable records keyed by handle symbol, the options set on each
// handle, and the clients whose lifetime ended on the path (by creation
// site).
#ifndef POOLGUARD_CLIENTSTATE_H
#define POOLGUARD_CLIENTSTATE_H

#include "ConfigRules.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "llvm/ADT/FoldingSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang {
class Expr;
class StackFrameContext;
} // namespace clang

namespace poolguard {

// One handle of known origin: acquired on this path.
struct ClientRecord {
  const pg_kind *Kind = nullptr;
  const pg_function *Acquirer = nullptr;
  const clang::Expr *Origin = nullptr; // the creation call
  const clang::StackFrameContext *OriginFrame = nullptr;
  // The values passed to the creation call: a client created with other
  // ones (another host for ne_session_create) is another client.
  unsigned OriginArgs = 0;
  // A request or body handle created on a client (ne_request_create(sess)):
  // requests on it are requests on that client.
  clang::ento::SymbolRef Parent = nullptr;
  // The pool it joined (curl_multi_add_handle) and the share it uses
  // (CURLOPT_SHARE), tracked or not.
  clang::ento::SymbolRef Pool = nullptr;
  clang::ento::SymbolRef Share = nullptr;
  const clang::Expr *JoinCall = nullptr;
  const clang::StackFrameContext *JoinFrame = nullptr;
  // What held the handle when it joined: its name once the variable is gone
  // (a handle added in a loop lives on in the pool).
  const clang::ento::MemRegion *JoinHolder = nullptr;
  // What held the client at its last request: its name after it died.
  const clang::ento::MemRegion *Holder = nullptr;
  unsigned Requests = 0;         // requests on it (saturating)
  unsigned DisabledRequests = 0; // of those, made with reuse disabled
  // What its last request returned, and how that reports failure: a client
  // created again after a failed request is a retry, not one per request.
  clang::ento::SymbolRef LastOutcome = nullptr;
  pg_fail LastOutcomeFails = PG_FAIL_NEVER;
  unsigned Joins = 0;            // most handles in it at once, as a pool
  unsigned Members = 0;          // handles in it now (joined, not removed)
  // What the last join returned, and how that reports failure.
  clang::ento::SymbolRef LastJoin = nullptr;
  pg_fail LastJoinFails = PG_FAIL_NEVER;
  bool JoinedInLoop = false;     // one of them joined inside a loop
  // Its options are not all known: copied from another handle
  // (curl_easy_duphandle), or passed to code the analyzer does not see.
  bool ConfigUnknown = false;
  bool Escaped = false;
  unsigned char Reported = 0; // bit per CheckKind: reported on this path

  bool reported(unsigned K) const { return Reported & (1u << K); }
  ClientRecord withReported(unsigned K) const {
    ClientRecord R = *this;
    R.Reported |= static_cast<unsigned char>(1u << K);
    return R;
  }

  bool operator==(const ClientRecord &O) const;
  void Profile(llvm::FoldingSetNodeID &ID) const;
};

// An option set on a handle: the last setting of that name wins.
struct OptionSetting {
  const pg_option *Opt = nullptr;
  OptionValue Val;
  const clang::Expr *Call = nullptr; // the configure call
  const clang::StackFrameContext *Frame = nullptr;

  bool operator==(const OptionSetting &O) const;
  void Profile(llvm::FoldingSetNodeID &ID) const;
};

struct SettingKey {
  clang::ento::SymbolRef Handle;
  const char *Name; // optionKey()

  bool operator==(const SettingKey &O) const {
    return Handle == O.Handle && Name == O.Name;
  }
  bool operator<(const SettingKey &O) const {
    return Handle != O.Handle ? Handle < O.Handle : Name < O.Name;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Handle);
    ID.AddPointer(Name);
  }
};

// A client created, used and then released (or dropped) on this path.
struct CompletedClient {
  clang::ento::SymbolRef Sym = nullptr;
  const pg_kind *Kind = nullptr;
  const clang::Expr *Release = nullptr; // null: it died unreleased
  const clang::ento::MemRegion *Holder = nullptr;
  unsigned Requests = 0;
  unsigned OriginArgs = 0; // ClientRecord::OriginArgs
  clang::ento::SymbolRef LastOutcome = nullptr; // ClientRecord::LastOutcome
  pg_fail LastOutcomeFails = PG_FAIL_NEVER;

  bool operator==(const CompletedClient &O) const {
    return Sym == O.Sym && Kind == O.Kind && Release == O.Release &&
           Holder == O.Holder && Requests == O.Requests &&
           OriginArgs == O.OriginArgs && LastOutcome == O.LastOutcome &&
           LastOutcomeFails == O.LastOutcomeFails;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(OriginArgs);
    ID.AddPointer(LastOutcome);
    ID.AddInteger(static_cast<int>(LastOutcomeFails));
    ID.AddPointer(Sym);
    ID.AddPointer(Kind);
    ID.AddPointer(Release);
    ID.AddPointer(Holder);
    ID.AddInteger(Requests);
  }
};

// ---- Access ---------------------------------------------------------------

const ClientRecord *clientRecord(clang::ento::ProgramStateRef State,
                                 clang::ento::SymbolRef Sym);
clang::ento::ProgramStateRef setRecord(clang::ento::ProgramStateRef State,
                                       clang::ento::SymbolRef Sym,
                                       const ClientRecord &R);
// Removes the record and every setting of Sym.
clang::ento::ProgramStateRef forget(clang::ento::ProgramStateRef State,
                                    clang::ento::SymbolRef Sym);
// Every record, for scans (handles that joined a pool).
llvm::SmallVector<std::pair<clang::ento::SymbolRef, ClientRecord>, 4>
allRecords(clang::ento::ProgramStateRef State);

const OptionSetting *setting(clang::ento::ProgramStateRef State,
                             clang::ento::SymbolRef Sym, const char *Name);
llvm::SmallVector<OptionSetting, 4>
settingsOf(clang::ento::ProgramStateRef State, clang::ento::SymbolRef Sym);
clang::ento::ProgramStateRef setSetting(clang::ento::ProgramStateRef State,
                                        clang::ento::SymbolRef Sym,
                                        const OptionSetting &S);
// curl_easy_reset: every option back to its default.
clang::ento::ProgramStateRef clearSettings(clang::ento::ProgramStateRef State,
                                           clang::ento::SymbolRef Sym);

// Keeps the outcome of each client's last request alive while a record or
// a completed client refers to it, when it is a status code.
void keepOutcomesAlive(clang::ento::ProgramStateRef State,
                       clang::ento::SymbolReaper &SR);

const CompletedClient *completedAt(clang::ento::ProgramStateRef State,
                                   const clang::Expr *Origin);
clang::ento::ProgramStateRef setCompleted(clang::ento::ProgramStateRef State,
                                          const clang::Expr *Origin,
                                          const CompletedClient &C);
clang::ento::ProgramStateRef removeCompleted(clang::ento::ProgramStateRef State,
                                             const clang::Expr *Origin);

// A client whose connections live in a pool owned by another handle: it
// joined a multi, or uses a share that shares connections (or a share whose
// configuration is unknown).
bool pooledElsewhere(clang::ento::ProgramStateRef State, const ClientRecord &R);

} // namespace poolguard

#endif
