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
  case PG_FAIL_NEGATIVE:
    if (const llvm::APSInt *V = CM.getSymVal(State, Result))
      return ConditionTruthVal(V->isSigned() && V->isNegative());
    return ConditionTruthVal();
  case PG_FAIL_NEVER:
    break;
  }
  return ConditionTruthVal(false);
}

} // namespace poolguard
