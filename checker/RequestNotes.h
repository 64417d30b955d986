// "Assuming curl_easy_perform() failed": a note where a report's path
// decides that a request failed, so the error path reads as one.
#ifndef POOLGUARD_REQUESTNOTES_H
#define POOLGUARD_REQUESTNOTES_H

#include "RuleSet.h"

#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"

namespace poolguard {

void addRequestOutcomeNotes(clang::ento::PathSensitiveBugReport &R,
                            const clang::ento::ExplodedNode *ErrNode,
                            const RuleSet &Rules);

} // namespace poolguard

#endif
