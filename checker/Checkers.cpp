#include "Checkers.h"

#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExprEngine.h"

using namespace clang;
using namespace clang::ento;

namespace poolguard {

// The registry keeps StringRefs to these strings: they must be static.
const CheckInfo Checks[CK_NumKinds] = {
    {"HandleLeak", "poolguard.HandleLeak", "Handle not released",
     "A response body, request, client or auxiliary handle that is not "
     "released on some path",
     "docs/checkers/HandleLeak.md", true, /*SuppressOnSink=*/true},
    {"UseAfterRelease", "poolguard.UseAfterRelease", "Use of a released handle",
     "A library call on a handle that was already released, or a second "
     "release",
     "docs/checkers/UseAfterRelease.md", true},
    {"PartialRead", "poolguard.PartialRead",
     "Body released before it was read to the end",
     "A response body closed or released before it was read to its end, so "
     "the connection is dropped instead of reused",
     "docs/checkers/PartialRead.md", true},
    {"ClientPerRequest", "poolguard.ClientPerRequest",
     "Client created for every request",
     "A client (easy handle, SoupSession, ne_session) created, used and "
     "destroyed, then created again at the same place on the same path, so "
     "no connection is ever reused",
     "docs/checkers/ClientPerRequest.md", true},
    {"PoolLimits", "poolguard.PoolLimits", "Connection pool limit",
     "A per-host connection limit below the threshold (libsoup's default of "
     "2), a construct-only limit set after construction, or a multi handle "
     "that runs many transfers with no connection limit",
     "docs/checkers/PoolLimits.md", true},
    {"ReuseDisabled", "poolguard.ReuseDisabled", "Connection reuse disabled",
     "A client that makes more than one request with connection reuse "
     "switched off (CURLOPT_FORBID_REUSE, CURLOPT_FRESH_CONNECT, "
     "SOUP_MESSAGE_NEW_CONNECTION, NE_SESSFLAG_PERSIST off)",
     "docs/checkers/ReuseDisabled.md", true},
    {"NoTimeout", "poolguard.NoTimeout", "Request without a timeout",
     "A request on a client with no effective timeout (off unless enabled "
     "by name)",
     "docs/checkers/NoTimeout.md", false, /*SuppressOnSink=*/false,
     /*OnlyByName=*/true},
};

const BugType &CheckSet::bugType(CheckKind K) const {
  if (!Types[K])
    Types[K] = std::make_unique<BugType>(Names[K], Checks[K].BugDescription,
                                         "HTTP connection pool",
                                         Checks[K].SuppressOnSink);
  return *Types[K];
}

bool CheckSet::isOurs(const PathSensitiveBugReport &BR) const {
  for (const auto &T : Types)
    if (T.get() == &BR.getBugType())
      return true;
  return false;
}

static const char FixItNote[] = "poolguard fix-it";

void addFixIt(PathSensitiveBugReport &R, FixItHint F) {
  const ExplodedNode *N = R.getErrorNode();
  const AnalyzerOptions &AO = N->getState()
                                  ->getStateManager()
                                  .getOwningEngine()
                                  .getAnalysisManager()
                                  .getAnalyzerOptions();
  if (!AO.ShouldApplyFixIts || AO.AnalysisDiagOpt != PD_TEXT) {
    R.addFixItHint(F);
    return;
  }
  auto Notes = R.getNotes();
  if (Notes.empty() || Notes.back()->getString() != FixItNote) {
    const SourceManager &SM =
        N->getState()->getStateManager().getContext().getSourceManager();
    R.addNote(FixItNote, PathDiagnosticLocation(F.RemoveRange.getBegin(), SM));
    Notes = R.getNotes();
  }
  Notes.back()->addFixit(F);
}

} // namespace poolguard
