#include "Bodies.h"

#include "Statuses.h"

#include "clang/AST/Expr.h"
#include "clang/AST/StmtVisitor.h"

using namespace clang;
using namespace clang::ento;

namespace poolguard {

static SVal argOrUnknown(const CallEvent &Call, int Arg) {
  if (Arg < 0 || static_cast<unsigned>(Arg) >= Call.getNumArgs())
    return UnknownVal();
  return Call.getArgSVal(Arg);
}

// The value a call wrote through a pointer argument.
static SymbolRef writtenThrough(ProgramStateRef State, const CallEvent &Call,
                                int Arg) {
  if (Arg < 0 || static_cast<unsigned>(Arg) >= Call.getNumArgs())
    return nullptr;
  const MemRegion *Out = Call.getArgSVal(Arg).getAsRegion();
  QualType PtrTy = Call.getArgExpr(Arg)->getType();
  if (!Out || !PtrTy->isPointerType())
    return nullptr;
  return State->getSVal(Out, PtrTy->getPointeeType()).getAsSymbol();
}

// `Bound` <= `Limit`, assumed when the path allows it.
static ProgramStateRef assumeAtMost(ProgramStateRef State, SVal Bound,
                                    SVal Limit, SValBuilder &SVB) {
  if (Limit.isUnknownOrUndef())
    return State;
  SVal NotMore =
      SVB.evalBinOp(State, BO_LE, Bound, Limit, SVB.getConditionType());
  if (auto D = NotMore.getAs<DefinedOrUnknownSVal>())
    if (ProgramStateRef Bounded = State->assume(*D, true))
      return Bounded;
  return State;
}

std::pair<ProgramStateRef, Handle> afterRead(ProgramStateRef State,
                                             const Handle &H, const pg_read *R,
                                             const CallEvent &Call,
                                             CheckerContext &C) {
  SValBuilder &SVB = C.getSValBuilder();
  LastRead Read;
  Read.Rule = R;
  Read.Ret = Call.getReturnValue().getAsSymbol();
  Read.Asked = argOrUnknown(Call, R->count_arg);
  Read.ErrOut = writtenThrough(State, Call, R->error_arg);
  // A read never reports more bytes than it was asked for.
  if (R->eof == PG_EOF_SHORT_COUNT) {
    Read.Count = writtenThrough(State, Call, R->out_count_arg);
    if (Read.Count)
      State = assumeAtMost(State, nonloc::SymbolVal(Read.Count), Read.Asked,
                           SVB);
  } else if (R->eof == PG_EOF_ZERO_RETURN && Read.Ret) {
    // Compared in the result's (signed) type: against the size_t count, a
    // -1 error return would convert to the largest value and be ruled out.
    SVal Asked = Read.Asked.isUnknownOrUndef()
                     ? Read.Asked
                     : SVB.evalCast(Read.Asked, Read.Ret->getType(),
                                    Call.getArgExpr(R->count_arg)->getType());
    State = assumeAtMost(State, nonloc::SymbolVal(Read.Ret), Asked, SVB);
  }
  Handle Next = H;
  Next.Read = Read;
  return {State, Next};
}

Handle afterOpenBody(const Handle &H, const pg_open_body *R,
                     const CallEvent &Call) {
  LastRead Read;
  Read.OpenRet = Call.getReturnValue().getAsSymbol();
  Read.OpenFails = Read.OpenRet ? R->fails : PG_FAIL_NEVER;
  return H.withBody(BodyState::Open, Read);
}

static bool mentionsEnumerator(const Stmt *S, llvm::StringRef Name) {
  if (!S)
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (const auto *ECD = dyn_cast<EnumConstantDecl>(DRE->getDecl()))
      if (ECD->getName() == Name)
        return true;
  for (const Stmt *Child : S->children())
    if (mentionsEnumerator(Child, Name))
      return true;
  return false;
}

bool readToEndFlagSet(const pg_read_to_end *R, const CallEvent &Call) {
  if (R->flag_arg == PG_NO_ARG || !R->flag ||
      static_cast<unsigned>(R->flag_arg) >= Call.getNumArgs())
    return false;
  return mentionsEnumerator(Call.getArgExpr(R->flag_arg), R->flag);
}

// The condition, as an SVal, that `Sym` reports `Mode` (a failure or an
// error): Sym == 0 for null/false, != 0 for nonzero, < 0 for negative.
static SVal reports(SValBuilder &SVB, ProgramStateRef State, SymbolRef Sym,
                    pg_fail Mode) {
  BinaryOperatorKind Op;
  switch (Mode) {
  case PG_FAIL_NULL:
  case PG_FAIL_FALSE:
    Op = BO_EQ;
    break;
  case PG_FAIL_NONZERO:
    Op = BO_NE;
    break;
  case PG_FAIL_NEGATIVE:
    Op = BO_LT;
    break;
  case PG_FAIL_NEVER:
  default:
    return UnknownVal();
  }
  QualType T = Sym->getType();
  SVal Zero = T->isPointerType() ? SVal(SVB.makeNullWithType(T))
                                 : SVal(SVB.makeZeroVal(T));
  SVal V = T->isPointerType() ? SVal(SVB.makeLoc(Sym))
                              : SVal(nonloc::SymbolVal(Sym));
  return SVB.evalBinOp(State, Op, V, Zero, SVB.getConditionType());
}

// State with Cond assumed to be `Truth`, or null when the path rules it
// out. An undecidable condition leaves the state as it is.
static ProgramStateRef assumeIf(ProgramStateRef State, SVal Cond, bool Truth) {
  auto D = Cond.getAs<DefinedOrUnknownSVal>();
  if (!State || !D)
    return State;
  return State->assume(*D, Truth);
}

ProgramStateRef mayHoldUnreadData(ProgramStateRef State, SymbolRef Sym,
                                  const Handle &H, CheckerContext &C) {
  if (H.Body != BodyState::Open || statusHasNoBody(State, Sym, H.Peer))
    return nullptr;
  SValBuilder &SVB = C.getSValBuilder();
  const LastRead &R = H.Read;
  // An open-body call that failed opened nothing.
  if (R.OpenRet)
    State = assumeIf(State, reports(SVB, State, R.OpenRet, R.OpenFails), false);
  if (!State || !R.Rule)
    return State;
  // A failed read ends the stream too (the library closes the connection),
  // whether the result or the GError out-parameter says so.
  if (R.Ret && R.Rule->error != PG_FAIL_NEVER)
    State = assumeIf(State, reports(SVB, State, R.Ret, R.Rule->error), false);
  if (State && R.ErrOut)
    State = assumeIf(State, reports(SVB, State, R.ErrOut, PG_FAIL_NONZERO),
                     false);
  if (!State)
    return nullptr;
  switch (R.Rule->eof) {
  case PG_EOF_ZERO_RETURN: {
    if (!R.Ret)
      return nullptr;
    // Not at the end: the read returned data, or the path knows it was
    // asked for nothing (a full buffer), so its 0 said nothing about the
    // body. A count that merely might be 0 proves nothing either way.
    if (ProgramStateRef Data =
            assumeIf(State, reports(SVB, State, R.Ret, PG_FAIL_NULL), false))
      return Data;
    if (R.Asked.isUnknownOrUndef())
      return nullptr;
    SVal Something =
        SVB.evalBinOp(State, BO_NE, R.Asked,
                      SVB.makeZeroVal(SVB.getContext().getSizeType()),
                      SVB.getConditionType());
    if (!Something.getAs<DefinedOrUnknownSVal>() ||
        assumeIf(State, Something, true))
      return nullptr;
    return State;
  }
  case PG_EOF_SHORT_COUNT: {
    if (!R.Count || R.Asked.isUnknownOrUndef())
      return nullptr;
    SVal Full = SVB.evalBinOp(State, BO_GE, nonloc::SymbolVal(R.Count), R.Asked,
                              SVB.getConditionType());
    if (!Full.getAs<DefinedOrUnknownSVal>())
      return nullptr;
    return assumeIf(State, Full, true);
  }
  case PG_EOF_EMPTY_RESULT:
    break;
  }
  return nullptr;
}

} // namespace poolguard
