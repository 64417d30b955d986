#include "CallRoles.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/TypeLoc.h"
#include "llvm/ADT/DenseMap.h"

#include <memory>
#include <vector>

using namespace clang;
using namespace clang::ento;

namespace poolguard {

static const char *const AttributeHandleType = "poolguard";

// Handles declared through attributes have no rule kind; they share one.
static const pg_kind AttributeKind = [] {
  pg_kind K = {};
  K.library = "attributes";
  K.name = "handle";
  K.type = "";
  K.role = PG_ROLE_AUXILIARY;
  K.description = "handle";
  return K;
}();

static pg_function emptyFunction() {
  pg_function F = {};
  F.params = -1;
  F.request_arg = PG_NO_ARG;
  F.reset_arg = PG_NO_ARG;
  F.reclaim_arg = PG_NO_ARG;
  F.exposes_owned_arg = PG_NO_ARG;
  F.returns_arg = PG_NO_ARG;
  F.status_arg = PG_NO_ARG;
  F.method_arg = PG_NO_ARG;
  F.frees_memory_arg = PG_NO_ARG;
  F.drops_connection_arg = PG_NO_ARG;
  F.adds_reference_arg = PG_NO_ARG;
  return F;
}

static const pg_function &borrowAll() {
  static const pg_function F = [] {
    pg_function B = emptyFunction();
    B.name = "(borrow prefix)";
    B.borrow_all = true;
    return B;
  }();
  return F;
}

namespace {
// Storage for a function entry built from attributes; entries are built once
// per declaration and live for the process, like the loaded rules.
struct AttributeRoles {
  pg_function Fn = emptyFunction();
  pg_acquire Acquire = {};
  pg_release Release = {};
};
} // namespace

template <typename AttrT>
static bool hasPoolguardAttr(const Decl *D) {
  for (const auto *A : D->specific_attrs<AttrT>())
    if (A->getHandleType() == AttributeHandleType)
      return true;
  return false;
}

// `T *f(void) __attribute__((acquire_handle("poolguard")))` attaches the
// attribute to the function's type, not to the declaration.
static bool typeAcquiresHandle(const FunctionDecl *FD) {
  const TypeSourceInfo *TSI = FD->getTypeSourceInfo();
  if (!TSI)
    return false;
  // Written through a macro, the attribute sits inside a MacroQualified type.
  TypeLoc TL = TSI->getTypeLoc();
  while (true) {
    if (auto MQ = TL.getAs<MacroQualifiedTypeLoc>()) {
      TL = MQ.getInnerLoc();
    } else if (auto ATL = TL.getAs<AttributedTypeLoc>()) {
      if (const auto *A = ATL.getAttrAs<AcquireHandleAttr>())
        if (A->getHandleType() == AttributeHandleType)
          return true;
      TL = ATL.getModifiedLoc();
    } else {
      return false;
    }
  }
}

// The kind of a handle of type T (`ne_request *`) acquired through an
// attribute: the rule kind of exactly that type, so that the library's own
// calls release and use it; the shared attribute kind when no kind, or more
// than one (`char *`), has that type.
static const pg_kind *attributeKind(QualType T, const RuleSet &Rules) {
  if (T.isNull())
    return &AttributeKind;
  std::string Spelled = T.getUnqualifiedType().getAsString();
  const pg_kind *Found = nullptr;
  const pg_rules *R = Rules.raw();
  for (size_t I = 0, E = pg_rules_kind_count(R); I < E; ++I) {
    const pg_kind *K = pg_rules_kind_at(R, I);
    if (Spelled != K->type)
      continue;
    if (Found)
      return &AttributeKind;
    Found = K;
  }
  return Found ? Found : &AttributeKind;
}

static std::unique_ptr<AttributeRoles>
rolesFromAttributes(const FunctionDecl *FD, const RuleSet &Rules) {
  auto R = std::make_unique<AttributeRoles>();
  bool Any = false;
  if (hasPoolguardAttr<AcquireHandleAttr>(FD) || typeAcquiresHandle(FD)) {
    // A pointer handle fails as NULL; an integer one (a descriptor, a slot)
    // as a negative value, the POSIX convention.
    pg_fail Fails = FD->getReturnType()->isIntegerType() ? PG_FAIL_NEGATIVE
                                                         : PG_FAIL_NULL;
    R->Acquire = {attributeKind(FD->getReturnType(), Rules), PG_NO_ARG, Fails,
                  PG_NO_ARG, nullptr};
    Any = true;
  }
  for (unsigned I = 0, E = FD->getNumParams(); I < E && I < PG_MAX_ARG; ++I) {
    const ParmVarDecl *P = FD->getParamDecl(I);
    if (hasPoolguardAttr<AcquireHandleAttr>(P)) {
      R->Acquire = {attributeKind(P->getType()->getPointeeType(), Rules),
                    static_cast<int>(I), PG_FAIL_NONZERO, PG_NO_ARG, nullptr};
      Any = true;
    }
    if (hasPoolguardAttr<ReleaseHandleAttr>(P)) {
      R->Release = {static_cast<int>(I), true, nullptr};
      R->Fn.release = &R->Release;
      Any = true;
    }
    if (hasPoolguardAttr<UseHandleAttr>(P)) {
      R->Fn.borrow_mask |= 1u << I;
      Any = true;
    }
  }
  if (!Any)
    return nullptr;
  if (R->Acquire.kind) {
    R->Fn.acquire = &R->Acquire;
    R->Fn.nacquire = 1;
  }
  // Messages name the acquiring call; identifier names live as long as the
  // AST, which outlives every report.
  R->Fn.name = FD->getIdentifier() ? FD->getIdentifier()->getNameStart()
                                   : "(attributes)";
  return R;
}

static const pg_function *attributeRoles(const FunctionDecl *FD,
                                         const RuleSet &Rules) {
  static llvm::DenseMap<const FunctionDecl *, std::unique_ptr<AttributeRoles>>
      Cache;
  FD = FD->getCanonicalDecl();
  auto It = Cache.find(FD);
  if (It == Cache.end()) {
    // Attributes may sit on any redeclaration; check the most recent one,
    // which inherits them.
    It = Cache.try_emplace(FD, rolesFromAttributes(FD->getMostRecentDecl(),
                                                   Rules))
             .first;
  }
  return It->second ? &It->second->Fn : nullptr;
}

const pg_function *declRoles(const FunctionDecl *FD, const RuleSet &Rules) {
  if (const pg_function *F = Rules.function(FD))
    return F;
  return attributeRoles(FD, Rules);
}

const pg_function *callRoles(const CallEvent &Call, const RuleSet &Rules) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD)
    return nullptr;
  if (const pg_function *F = declRoles(FD, Rules))
    return F;
  if (Rules.isModeled(FD))
    return &borrowAll();
  return nullptr;
}

} // namespace poolguard
