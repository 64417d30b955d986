#include "Checkers.h"

#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"

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

} // namespace poolguard
