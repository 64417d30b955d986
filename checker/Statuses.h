// Responses without a body: by the HTTP status the program looked at (1xx,
// 204 No Content, 205 Reset Content, 304 Not Modified; RFC 9110 15) or by
// the method of the request (a HEAD response never has one; RFC 9110 9.3.2).
// Such a response is finished without a read: releasing its body is no
// early release. The rules' `status` role names the calls that return a
// handle's status, their `method` role the calls that create a request with
// a method.
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

// After a call that creates a request: remember it when its method (a
// string literal, or the one literal of a macro such as SOUP_METHOD_HEAD)
// is one whose response has no body.
clang::ento::ProgramStateRef noteRequestMethod(clang::ento::ProgramStateRef State,
                                               const pg_function *F,
                                               const clang::ento::CallEvent &Call);

// Whether the path says the response of Body, or of Peer (the message a
// stream was sent for), has no body: by its status or its method.
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
