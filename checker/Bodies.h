// Response bodies: how reads move a body towards its end, and whether the
// path's constraints say a body may still hold unread bytes. The rules give
// each read's end-of-stream convention; nothing here names a library.
#ifndef POOLGUARD_BODIES_H
#define POOLGUARD_BODIES_H

#include "HandleState.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"

namespace poolguard {

// The handle after `Call` read from it under rule R (what it returned, and
// for short-count reads how much it read and was asked for). Also returns
// the state with the library's contract that a read never returns more than
// it was asked for.
std::pair<clang::ento::ProgramStateRef, Handle>
afterRead(clang::ento::ProgramStateRef State, const Handle &H, const pg_read *R,
          const clang::ento::CallEvent &Call, clang::ento::CheckerContext &C);

// The handle after `Call` opened its body (open-body role).
Handle afterOpenBody(const Handle &H, const pg_open_body *R,
                     const clang::ento::CallEvent &Call);

// Whether `Call` sets the flag that its read-to-end rule names
// (g_output_stream_splice(..., G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE, ...)).
bool readToEndFlagSet(const pg_read_to_end *R,
                      const clang::ento::CallEvent &Call);

// A state of this path in which the body of H has not reached its end (it
// was opened and never read, or its last read did not signal the end), or
// null when the path rules that out. A read whose convention cannot be
// decided here (empty-result) counts as unknown: null, so no false report.
// A response whose status has no body (Statuses.h) holds nothing.
clang::ento::ProgramStateRef mayHoldUnreadData(clang::ento::ProgramStateRef State,
                                               clang::ento::SymbolRef Sym,
                                               const Handle &H,
                                               clang::ento::CheckerContext &C);

} // namespace poolguard

#endif
