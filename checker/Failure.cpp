#include "Failure.h"

using namespace clang::ento;

namespace poolguard {

ConditionTruthVal failureTruth(ProgramStateRef State, SymbolRef Result,
                               pg_fail Mode) {
  ConstraintManager &CM = State->getConstraintManager();
  switch (Mode) {
  case PG_FAIL_NULL:
  case PG_FAIL_FALSE:
    return CM.isNull(State, Result);
  case PG_FAIL_NONZERO: {
    ConditionTruthVal IsZero = CM.isNull(State, Result);
    if (IsZero.isUnderconstrained())
      return IsZero;
    return ConditionTruthVal(!IsZero.isConstrainedTrue());
  }
  case PG_FAIL_NEGATIVE: {
    // From the range the path allows, without assuming anything (this runs
    // inside evalAssume): all negative, none negative, or undecided.
    if (!Result->getType()->isSignedIntegerType())
      return ConditionTruthVal(false);
    const llvm::APSInt *Max = CM.getSymMaxVal(State, Result);
    if (Max && Max->isNegative())
      return ConditionTruthVal(true);
    const llvm::APSInt *Min = CM.getSymMinVal(State, Result);
    if (Min && !Min->isNegative())
      return ConditionTruthVal(false);
    return ConditionTruthVal();
  }
  case PG_FAIL_NEVER:
    break;
  }
  return ConditionTruthVal(false);
}

} // namespace poolguard
