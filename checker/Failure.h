// Whether a path has settled that a call's result reports failure, under
// the rules' `fails-when` conventions.
#ifndef POOLGUARD_FAILURE_H
#define POOLGUARD_FAILURE_H

#include "poolguard/rules.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"

namespace poolguard {

// Only asks the constraint manager (no new assumption), so it is safe inside
// eval::Assume and on states of a finished path.
clang::ento::ConditionTruthVal failureTruth(clang::ento::ProgramStateRef State,
                                            clang::ento::SymbolRef Result,
                                            pg_fail Mode);

} // namespace poolguard

#endif
