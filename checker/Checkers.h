// Every poolguard checker in one table: registration, the build-mode
// arguments and the bug types read it. An engine (a CSA checker class) owns
// a CheckSet and reports through whichever of its checkers are enabled.
#ifndef POOLGUARD_CHECKERS_H
#define POOLGUARD_CHECKERS_H

#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"

#include <memory>

namespace poolguard {

enum CheckKind : unsigned {
  CK_HandleLeak,
  CK_UseAfterRelease,
  CK_PartialRead,
  CK_ClientPerRequest,
  CK_PoolLimits,
  CK_ReuseDisabled,
  CK_NoTimeout,
  CK_NumKinds
};

struct CheckInfo {
  const char *Name;     // short name: build-mode arguments, docs
  const char *FullName; // poolguard.Name
  const char *BugDescription;
  const char *Description;
  const char *DocsUri;
  bool OnInBuildMode;
  // Drop reports on paths that end in exit()/abort(): what a dying process
  // holds is no pool problem (unix.Malloc does the same for leaks).
  bool SuppressOnSink = false;
  // Off unless named: `-analyzer-checker=poolguard` (the package) leaves it
  // off, `-analyzer-checker=poolguard.NoTimeout` turns it on.
  bool OnlyByName = false;
};

extern const CheckInfo Checks[CK_NumKinds];

// Which checkers an engine reports for, and their bug types.
class CheckSet {
public:
  bool Enabled[CK_NumKinds] = {};
  clang::ento::CheckerNameRef Names[CK_NumKinds];

  void enable(CheckKind K, clang::ento::CheckerNameRef Name) {
    Enabled[K] = true;
    Names[K] = Name;
  }
  const clang::ento::BugType &bugType(CheckKind K) const;
  // Whether a report is one of poolguard's (notes are only for those).
  bool isOurs(const clang::ento::PathSensitiveBugReport &BR) const;

private:
  mutable std::unique_ptr<clang::ento::BugType> Types[CK_NumKinds];
};

// Adds a fix-it to R. With text output and apply-fixits, the analyzer
// applies the fix-its of the warning and of its last path note, which are
// the same piece: there the fix-it goes on a note of its own instead, so it
// is applied once.
void addFixIt(clang::ento::PathSensitiveBugReport &R, clang::FixItHint F);

} // namespace poolguard

#endif
