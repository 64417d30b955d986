// HTTP statuses the program looked at. A response whose status has no body
// (1xx, 204 No Content, 205 Reset Content, 304 Not Modified; RFC 9110 15)
// is finished without a read: releasing its body is no early release. The
// rules' `status` role names the calls that return a handle's status.
#ifndef POOLGUARD_STATUSES_H
#define POOLGUARD_STATUSES_H

#include "poolguard/rules.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SymbolManager.h"

namespace poolguard {

// After a status call: remember whose status its result is.
clang::ento::ProgramStateRef noteStatusCall(clang::ento::ProgramStateRef State,
                                            const pg_function *F,
                                            const clang::ento::CallEvent &Call);

// Whether the path says the response of Body, or of Peer (the message a
// stream was sent for), has a status without a body.
bool statusHasNoBody(clang::ento::ProgramStateRef State,
                     clang::ento::SymbolRef Body, clang::ento::SymbolRef Peer);

// Statuses of handles still followed stay alive with what the path assumed
// about them; the others are forgotten.
void keepStatusesAlive(clang::ento::ProgramStateRef State,
                       clang::ento::SymbolReaper &SR);
clang::ento::ProgramStateRef
forgetDeadStatuses(clang::ento::ProgramStateRef State,
                   clang::ento::SymbolReaper &SR);

} // namespace poolguard

#endif
