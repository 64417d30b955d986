// The client-configuration engine: how each client is configured and used
// on a path, for the checkers that find pool exhaustion caused by
// configuration and structure rather than by leaks (issue 5):
//
//   ClientPerRequest  a client created, used and destroyed, then created
//                     again at the same place on the same path
//   PoolLimits        a per-host limit too low (libsoup's default 2), a
//                     construct-only limit set after construction, a pool
//                     that runs many transfers with no limit at all
//   ReuseDisabled     a client that makes more than one request with
//                     connection reuse switched off
//   NoTimeout         a request on a client with no effective timeout
//
// Only handles of known origin are recorded: acquired on this path, which
// is when the lifecycle engine tracks them (trackedHandle()). Parameters,
// globals and fields of unknown origin have unknown configuration and are
// never reported. A record (ClientState.h) holds what the path did to the
// handle:
//
//   acquire ----> record: kind, creation site, constructor options,
//     |           parent client (ne_request_create(sess) -> sess),
//     |           configuration unknown if copied (curl_easy_duphandle)
//     v
//   configure --> option settings by name, last one wins; construct-only
//     |           options set later are ignored (and reported)
//   reset ------> every setting dropped (back to the defaults)
//   join pool --> member: pool; pool: number of joins, joined in a loop
//   request ----> request counts; NoTimeout, PoolLimits, ReuseDisabled
//     |           decide here, on the client and the handles that joined it
//     v
//   release, or the symbol dies --> a client used for a request and not
//                pooled elsewhere (multi, connection-sharing share) is
//                "completed" at its creation site; the next creation there
//                on the path is a ClientPerRequest
//
// Escaping into code the analyzer does not see makes a record's
// configuration unknown. What each call does, the options, their defaults,
// effects and fix-it templates all come from the rule model (ConfigRules.h).
#ifndef POOLGUARD_CLIENTCONFIG_H
#define POOLGUARD_CLIENTCONFIG_H

#include "Checkers.h"
#include "ConfigRules.h"
#include "RuleSet.h"

#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"

#include <memory>

namespace poolguard {

struct ClientRecord;
struct Transition;

class ClientConfigEngine
    : public clang::ento::Checker<clang::ento::check::PostCall,
                                  clang::ento::check::DeadSymbols,
                                  clang::ento::check::LiveSymbols,
                                  clang::ento::check::PointerEscape> {
public:
  const RuleSet *Rules = nullptr;
  CheckSet Reports;

  // Checker options (Registration.cpp documents them).
  bool Aggressive = false;     // ClientPerRequest:Aggressive
  int MinConnsPerHost = 4;     // PoolLimits:MinConnsPerHost
  int MaxUnlimitedHandles = 6; // PoolLimits:MaxHandlesWithoutLimit
  int FixTimeoutSeconds = 30;  // NoTimeout:FixTimeoutSeconds

  void checkPostCall(const clang::ento::CallEvent &Call,
                     clang::ento::CheckerContext &C) const;
  void checkLiveSymbols(clang::ento::ProgramStateRef State,
                        clang::ento::SymbolReaper &SR) const;
  void checkDeadSymbols(clang::ento::SymbolReaper &SR,
                        clang::ento::CheckerContext &C) const;
  clang::ento::ProgramStateRef
  checkPointerEscape(clang::ento::ProgramStateRef State,
                     const clang::ento::InvalidatedSymbols &Escaped,
                     const clang::ento::CallEvent *Call,
                     clang::ento::PointerEscapeKind Kind) const;

  const ConfigModel &model(clang::ento::CheckerContext &C) const;

private:
  // State transitions (ClientConfig.cpp).
  void onRelease(const pg_function *F, const clang::ento::CallEvent &Call,
                 Transition &T, clang::ento::CheckerContext &C) const;
  void onAcquire(const pg_function *F, const clang::ento::CallEvent &Call,
                 Transition &T, clang::ento::CheckerContext &C) const;
  void onConfigure(const pg_function *F, const clang::ento::CallEvent &Call,
                   Transition &T, clang::ento::CheckerContext &C) const;
  void onReset(const pg_function *F, const clang::ento::CallEvent &Call,
               Transition &T, clang::ento::CheckerContext &C) const;
  void onJoin(const pg_function *F, const clang::ento::CallEvent &Call,
              Transition &T, clang::ento::CheckerContext &C) const;
  void onRequest(const pg_function *F, const clang::ento::CallEvent &Call,
                 Transition &T, clang::ento::CheckerContext &C) const;

  // The checkers' decisions (ClientChecks.cpp).
  void checkRecreated(clang::ento::SymbolRef Sym, const ClientRecord &R,
                      Transition &T, clang::ento::CheckerContext &C) const;
  void checkOneShotFunction(clang::ento::SymbolRef Sym, const ClientRecord &R,
                            const clang::ento::CallEvent &Call, Transition &T,
                            clang::ento::CheckerContext &C) const;
  void checkConstructOnly(clang::ento::SymbolRef Sym, const ClientRecord &R,
                          llvm::ArrayRef<ConfiguredOption> Ignored,
                          const clang::ento::CallEvent &Call, Transition &T,
                          clang::ento::CheckerContext &C) const;
  void onReclaim(const pg_function *F, const clang::ento::CallEvent &Call,
                 Transition &T) const;
  void onHelperRequests(const clang::ento::CallEvent &Call, Transition &T,
                        clang::ento::CheckerContext &C) const;
  void checkPoolLimits(clang::ento::SymbolRef Sym,
                       const clang::ento::CallEvent &Call, Transition &T,
                       clang::ento::CheckerContext &C) const;
  void checkReuse(clang::ento::SymbolRef Client,
                  llvm::ArrayRef<clang::ento::SymbolRef> Sent,
                  const clang::ento::CallEvent &Call, Transition &T,
                  clang::ento::CheckerContext &C) const;
  void checkTimeout(clang::ento::SymbolRef Sym,
                    const clang::ento::CallEvent &Call, Transition &T,
                    clang::ento::CheckerContext &C) const;

  const pg_function *rolesOf(const clang::ento::CallEvent &Call) const;
  mutable std::unique_ptr<ConfigModel> Model;
};

} // namespace poolguard

#endif
