#include "Statuses.h"

#include "HandleState.h"
#include "Lifecycle.h"

#include "clang/AST/Decl.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/RangedConstraintManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SValBuilder.h"

using namespace clang;
using namespace clang::ento;

namespace {
// Whose status a value is: the status itself, or a pointer to the struct
// whose Field holds it.
struct StatusOf {
  SymbolRef Subject;
  const char *Field;
  bool operator==(const StatusOf &O) const {
    return Subject == O.Subject && Field == O.Field;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Subject);
    ID.AddPointer(Field);
  }
};
} // namespace

REGISTER_MAP_WITH_PROGRAMSTATE(StatusMap, SymbolRef, StatusOf)
// Requests created with a method whose response has no body.
REGISTER_SET_WITH_PROGRAMSTATE(NoBodyMethod, SymbolRef)

namespace poolguard {

ProgramStateRef noteStatusCall(ProgramStateRef State, const pg_function *F,
                               const CallEvent &Call) {
  if (F->status_arg == PG_NO_ARG ||
      static_cast<unsigned>(F->status_arg) >= Call.getNumArgs())
    return State;
  SymbolRef Subject = handleSymbol(Call.getArgSVal(F->status_arg));
  SymbolRef Result = handleSymbol(Call.getReturnValue());
  if (!Subject || !Result)
    return State;
  return State->set<StatusMap>(Result, StatusOf{Subject, F->status_field});
}

// The string a method argument spells: a literal the value points to, or
// the only literal in the expression (SOUP_METHOD_HEAD expands to an
// interned-string expression around "HEAD").
static const StringLiteral *onlyLiteral(const Stmt *S, unsigned &Seen) {
  if (!S || Seen > 1)
    return nullptr;
  if (const auto *L = dyn_cast<StringLiteral>(S)) {
    ++Seen;
    return L;
  }
  const StringLiteral *Found = nullptr;
  for (const Stmt *Child : S->children())
    if (const StringLiteral *L = onlyLiteral(Child, Seen))
      Found = L;
  return Seen == 1 ? Found : nullptr;
}

static std::optional<StringRef> methodString(const CallEvent &Call,
                                             unsigned Arg) {
  const MemRegion *R = Call.getArgSVal(Arg).getAsRegion();
  if (const auto *SR = dyn_cast_or_null<StringRegion>(R ? R->getBaseRegion()
                                                        : nullptr))
    return SR->getStringLiteral()->getString();
  unsigned Seen = 0;
  if (const StringLiteral *L = onlyLiteral(Call.getArgExpr(Arg), Seen))
    if (L->isOrdinary())
      return L->getString();
  return std::nullopt;
}

ProgramStateRef noteRequestMethod(ProgramStateRef State, const pg_function *F,
                                  const CallEvent &Call) {
  if (F->method_arg == PG_NO_ARG ||
      static_cast<unsigned>(F->method_arg) >= Call.getNumArgs())
    return State;
  SymbolRef Request = handleSymbol(Call.getReturnValue());
  std::optional<StringRef> Method = methodString(Call, F->method_arg);
  if (!Request || !Method)
    return State;
  for (size_t I = 0; I < F->nno_body_methods; ++I)
    if (*Method == F->no_body_methods[I])
      return State->add<NoBodyMethod>(Request);
  return State;
}

// The value of Field in the struct Ptr points to, as the path read it
// (`ne_get_status(req)->code`): a symbol the path constrained whose region
// is that field.
static SVal fieldValue(ProgramStateRef State, SymbolRef Ptr,
                       const char *Field) {
  for (const auto &Entry : getConstraintMap(State)) {
    const MemRegion *R = nullptr;
    if (const auto *RV = dyn_cast<SymbolRegionValue>(Entry.first))
      R = RV->getRegion();
    else if (const auto *D = dyn_cast<SymbolDerived>(Entry.first))
      R = D->getRegion();
    const auto *FR = dyn_cast_or_null<FieldRegion>(R);
    if (!FR || FR->getDecl()->getName() != Field)
      continue;
    const MemRegion *Base = FR->getSuperRegion();
    if (const auto *ER = dyn_cast<ElementRegion>(Base))
      if (ER->getIndex().isZeroConstant())
        Base = ER->getSuperRegion();
    const auto *SR = dyn_cast<SymbolicRegion>(Base);
    if (SR && SR->getSymbol() == Ptr)
      return nonloc::SymbolVal(Entry.first);
  }
  return UnknownVal();
}

// 1xx, 204, 205 and 304 responses have no content (RFC 9110 6.4.1).
static bool bodiless(ProgramStateRef State, SVal Status) {
  SValBuilder &SVB = State->getStateManager().getSValBuilder();
  if (const llvm::APSInt *V = SVB.getKnownValue(State, Status)) {
    int64_t Code = V->getExtValue();
    return (Code >= 100 && Code < 200) || Code == 204 || Code == 205 ||
           Code == 304;
  }
  SymbolRef Sym = Status.getAsSymbol();
  if (!Sym)
    return false;
  ConstraintManager &CM = State->getConstraintManager();
  const llvm::APSInt *Min = CM.getSymMinVal(State, Sym);
  const llvm::APSInt *Max = CM.getSymMaxVal(State, Sym);
  return Min && Max && Min->getExtValue() >= 100 && Max->getExtValue() < 200;
}

bool statusHasNoBody(ProgramStateRef State, SymbolRef Body, SymbolRef Peer) {
  if (State->contains<NoBodyMethod>(Body) ||
      (Peer && State->contains<NoBodyMethod>(Peer)))
    return true;
  for (const auto &Entry : State->get<StatusMap>()) {
    const StatusOf &S = Entry.second;
    if (S.Subject != Body && (!Peer || S.Subject != Peer))
      continue;
    SVal Status = S.Field ? fieldValue(State, Entry.first, S.Field)
                          : nonloc::SymbolVal(Entry.first);
    if (bodiless(State, Status))
      return true;
  }
  return false;
}

void keepStatusesAlive(ProgramStateRef State, SymbolReaper &SR) {
  for (const auto &Entry : State->get<StatusMap>())
    if (trackedHandle(State, Entry.second.Subject) ||
        isPeerOfTracked(State, Entry.second.Subject))
      SR.markLive(Entry.first);
  for (SymbolRef Request : State->get<NoBodyMethod>())
    if (isPeerOfTracked(State, Request))
      SR.markLive(Request);
}

ProgramStateRef forgetDeadStatuses(ProgramStateRef State, SymbolReaper &SR) {
  for (const auto &Entry : State->get<StatusMap>())
    if (SR.isDead(Entry.first))
      State = State->remove<StatusMap>(Entry.first);
  for (SymbolRef Request : State->get<NoBodyMethod>())
    if (SR.isDead(Request))
      State = State->remove<NoBodyMethod>(Request);
  return State;
}

} // namespace poolguard
