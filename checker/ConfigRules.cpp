#include "ConfigRules.h"

#include "HandleState.h"
#include "Reports.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SValBuilder.h"
#include "llvm/ADT/StringSet.h"

#include <cstring>

using namespace clang;
using namespace clang::ento;

namespace poolguard {

const char *optionKey(const char *Name) {
  static llvm::StringSet<> Names;
  return Names.insert(Name).first->getKeyData();
}

// ---- Reading arguments ----------------------------------------------------

static const EnumDecl *enumOf(QualType T) {
  if (const auto *ET = T->getAs<EnumType>())
    return ET->getDecl();
  return nullptr;
}

static const EnumConstantDecl *enumerator(const EnumDecl *ED,
                                          llvm::StringRef Name) {
  if (!ED)
    return nullptr;
  for (const EnumConstantDecl *E : ED->enumerators())
    if (E->getName() == Name)
      return E;
  return nullptr;
}

// The enumerator an option argument names directly: `CURLOPT_TIMEOUT`,
// `(CURLoption)CURLOPT_TIMEOUT`, or a macro that expands to either.
static const EnumConstantDecl *namedEnumerator(const Expr *E) {
  if (!E)
    return nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts()))
    return dyn_cast<EnumConstantDecl>(DRE->getDecl());
  return nullptr;
}

// The enum an argument is an instance of: its own type before promotion,
// else the declared parameter type.
static const EnumDecl *argEnum(const CallEvent &Call, unsigned Arg) {
  const Expr *E = Call.getArgExpr(Arg);
  if (const EnumConstantDecl *EC = namedEnumerator(E))
    return dyn_cast<EnumDecl>(EC->getDeclContext());
  if (const EnumDecl *ED = enumOf(E->IgnoreParenImpCasts()->getType()))
    return ED;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (FD && Arg < FD->getNumParams())
    return enumOf(FD->getParamDecl(Arg)->getType());
  return nullptr;
}

static bool fitsInt64(const llvm::APSInt &I) {
  return I.getSignificantBits() <= 64;
}

static const llvm::APSInt *knownInt(const CallEvent &Call, unsigned Arg,
                                    ProgramStateRef State, SValBuilder &SVB) {
  SVal V = Call.getArgSVal(Arg);
  if (V.isUnknownOrUndef())
    return nullptr;
  const llvm::APSInt *I = SVB.getKnownValue(State, V);
  return I && fitsInt64(*I) ? I : nullptr;
}

// Whether an option argument names option Name: by the enumerator written
// there, or, for a computed value, by the value of the enumerator of that
// name in the argument's enum.
static bool optionArgIs(const CallEvent &Call, unsigned Arg, const char *Name,
                        ProgramStateRef State, SValBuilder &SVB) {
  const Expr *E = Call.getArgExpr(Arg);
  if (const EnumConstantDecl *EC = namedEnumerator(E))
    if (EC->getName() == Name)
      return true;
  const EnumConstantDecl *Want = enumerator(argEnum(Call, Arg), Name);
  const llvm::APSInt *I = Want ? knownInt(Call, Arg, State, SVB) : nullptr;
  return I && I->getExtValue() == Want->getInitVal().getExtValue();
}

// A property name: a string literal, possibly behind a macro
// (SOUP_SESSION_MAX_CONNS_PER_HOST) or a const char * variable.
static bool propertyName(const CallEvent &Call, unsigned Arg,
                         llvm::StringRef &Out) {
  const Expr *E = Call.getArgExpr(Arg)->IgnoreParenCasts();
  if (const auto *SL = dyn_cast<StringLiteral>(E)) {
    if (SL->getCharByteWidth() != 1)
      return false;
    Out = SL->getString();
    return true;
  }
  const MemRegion *R = Call.getArgSVal(Arg).getAsRegion();
  const auto *SR = R ? dyn_cast<StringRegion>(R->getBaseRegion()) : nullptr;
  if (!SR || SR->getStringLiteral()->getCharByteWidth() != 1)
    return false;
  Out = SR->getStringLiteral()->getString();
  return true;
}

static bool isNullArg(const CallEvent &Call, unsigned Arg,
                      ProgramStateRef State) {
  const Expr *E = Call.getArgExpr(Arg);
  ASTContext &Ctx = State->getStateManager().getContext();
  if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return true;
  return Call.getArgSVal(Arg).isZeroConstant();
}

// All enumerators zero or a power of two: a set of flags.
static bool isFlagEnum(const EnumDecl *ED) {
  for (const EnumConstantDecl *E : ED->enumerators()) {
    const llvm::APSInt &V = E->getInitVal();
    if (V.isNegative() || (V != 0 && !V.isPowerOf2()))
      return false;
  }
  return true;
}

// `X`, or `A | X | B`: the value certainly contains enumerator X.
static bool orsIn(const Expr *E, const EnumConstantDecl *X) {
  E = E->IgnoreParenCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    return BO->getOpcode() == BO_Or &&
           (orsIn(BO->getLHS(), X) || orsIn(BO->getRHS(), X));
  return namedEnumerator(E) == X;
}

static const EnumConstantDecl *findReferenced(const Stmt *S,
                                              llvm::StringRef Name) {
  if (!S)
    return nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (const auto *EC = dyn_cast<EnumConstantDecl>(DRE->getDecl()))
      if (EC->getName() == Name)
        return EC;
  for (const Stmt *Child : S->children())
    if (const EnumConstantDecl *EC = findReferenced(Child, Name))
      return EC;
  return nullptr;
}

// An option that only counts for one named value (CURL_LOCK_DATA_CONNECT,
// SOUP_MESSAGE_NEW_CONNECTION): NonZero when the value is (or, for a flags
// enum, contains) it, Zero when it certainly is not.
static OptionValue namedValue(const char *Name, const CallEvent &Call,
                              unsigned Arg, ProgramStateRef State,
                              SValBuilder &SVB) {
  OptionValue V;
  const Expr *E = Call.getArgExpr(Arg);
  const EnumConstantDecl *X = findReferenced(E, Name);
  if (!X)
    X = enumerator(argEnum(Call, Arg), Name);
  if (!X)
    return V;
  const auto *ED = dyn_cast<EnumDecl>(X->getDeclContext());
  bool Flags = ED && isFlagEnum(ED);
  if (const llvm::APSInt *I = knownInt(Call, Arg, State, SVB)) {
    uint64_t Got = static_cast<uint64_t>(I->getExtValue());
    uint64_t Want = static_cast<uint64_t>(X->getInitVal().getExtValue());
    bool Match = Flags ? Want != 0 && (Got & Want) == Want : Got == Want;
    V.Kind = Match ? ValueKind::NonZero : ValueKind::Zero;
    V.Exact = true;
    V.Value = Match ? 1 : 0;
    return V;
  }
  if (orsIn(E, X)) {
    V.Kind = ValueKind::NonZero;
    V.Exact = true;
    V.Value = 1;
  }
  return V;
}

static OptionValue plainValue(const CallEvent &Call, unsigned Arg,
                              ProgramStateRef State, SValBuilder &SVB) {
  OptionValue V;
  SVal S = Call.getArgSVal(Arg);
  if (S.isUnknownOrUndef())
    return V;
  if (isa<Loc>(S))
    V.Handle = handleSymbol(S);
  if (const llvm::APSInt *I = knownInt(Call, Arg, State, SVB)) {
    V.Exact = true;
    V.Value = I->getExtValue();
    V.Kind = V.Value == 0 ? ValueKind::Zero : ValueKind::NonZero;
    return V;
  }
  ConditionTruthVal Null = State->isNull(S);
  if (Null.isConstrainedTrue())
    V.Kind = ValueKind::Zero;
  else if (Null.isConstrainedFalse())
    V.Kind = ValueKind::NonZero;
  return V;
}

static OptionValue optionValue(const pg_option &Opt, const CallEvent &Call,
                               unsigned Arg, ProgramStateRef State,
                               SValBuilder &SVB) {
  if (Arg >= Call.getNumArgs())
    return OptionValue();
  return Opt.value ? namedValue(Opt.value, Call, Arg, State, SVB)
                   : plainValue(Call, Arg, State, SVB);
}

llvm::SmallVector<ConfiguredOption, 4>
configuredOptions(const pg_configure &Cfg, const CallEvent &Call,
                  ProgramStateRef State, SValBuilder &SVB, bool *Unresolved) {
  llvm::SmallVector<ConfiguredOption, 4> Out;
  bool Dummy = false;
  bool &Unknown = Unresolved ? *Unresolved : Dummy;
  unsigned N = Call.getNumArgs();
  switch (Cfg.style) {
  case PG_STYLE_OPTION: {
    unsigned OA = Cfg.option_arg, VA = Cfg.value_arg;
    if (Cfg.option_arg < 0 || OA >= N)
      break;
    // An option the path cannot name: neither an enumerator nor a value.
    if (!namedEnumerator(Call.getArgExpr(OA)) &&
        !knownInt(Call, OA, State, SVB))
      Unknown = true;
    for (size_t I = 0; I < Cfg.noptions; ++I)
      if (optionArgIs(Call, OA, Cfg.options[I].name, State, SVB)) {
        Out.push_back({&Cfg.options[I],
                       optionValue(Cfg.options[I], Call, VA, State, SVB), OA,
                       VA});
        break;
      }
    break;
  }
  case PG_STYLE_VALUE: {
    unsigned VA = Cfg.value_arg;
    if (Cfg.noptions == 1 && Cfg.value_arg >= 0 && VA < N)
      Out.push_back({&Cfg.options[0],
                     optionValue(Cfg.options[0], Call, VA, State, SVB), VA,
                     VA});
    break;
  }
  case PG_STYLE_PROPERTIES: {
    if (Cfg.first_property_arg < 0)
      break;
    for (unsigned I = Cfg.first_property_arg; I + 1 < N; I += 2) {
      llvm::StringRef Name;
      if (isNullArg(Call, I, State))
        break;
      if (!propertyName(Call, I, Name)) {
        Unknown = true;
        break;
      }
      for (size_t O = 0; O < Cfg.noptions; ++O)
        if (Name == Cfg.options[O].name) {
          Out.push_back({&Cfg.options[O],
                         optionValue(Cfg.options[O], Call, I + 1, State, SVB),
                         I, I + 1});
          break;
        }
    }
    break;
  }
  }
  return Out;
}

std::string describeValue(const pg_option &Opt, const OptionValue &V) {
  if (Opt.value) {
    if (V.Kind == ValueKind::NonZero)
      return Opt.value;
    return V.Kind == ValueKind::Zero ? std::string("another value")
                                     : std::string("an unknown value");
  }
  if (V.Exact)
    return std::to_string(V.Value);
  switch (V.Kind) {
  case ValueKind::Zero:
    return "0";
  case ValueKind::NonZero:
    return "a non-zero value";
  case ValueKind::Unknown:
    break;
  }
  return "an unknown value";
}

Activity activity(const pg_option &Opt, const OptionValue &V) {
  if (V.Kind == ValueKind::Unknown)
    return Activity::Unknown;
  bool Zero = V.Kind == ValueKind::Zero;
  bool Active = Opt.effect == PG_EFFECT_REUSE_ENABLED ? Zero : !Zero;
  return Active ? Activity::Active : Activity::Inactive;
}

// ---- Options of a kind ----------------------------------------------------

const FunctionDecl *ConfigModel::declared(llvm::StringRef Name) const {
  if (Name.empty())
    return nullptr;
  IdentifierInfo &II = Ctx.Idents.get(Name);
  for (const NamedDecl *D : Ctx.getTranslationUnitDecl()->lookup(&II))
    if (const auto *FD = dyn_cast<FunctionDecl>(D))
      return FD;
  return nullptr;
}

static std::string withoutSpaces(llvm::StringRef S) {
  std::string Out;
  for (char Ch : S)
    if (Ch != ' ' && Ch != '\t')
      Out += Ch;
  return Out;
}

// Whether F's parameter Arg is declared with K's type ("CURL *"): the
// setter configures handles of that kind. A generic object parameter
// (g_object_set's gpointer) matches no kind.
bool ConfigModel::handleParamIs(const pg_function *F, int Arg,
                                const pg_kind *K) const {
  const FunctionDecl *FD = declared(F->name);
  if (!FD || Arg < 0 || static_cast<unsigned>(Arg) >= FD->getNumParams() ||
      !K->type)
    return false;
  QualType T = FD->getParamDecl(Arg)->getType();
  return withoutSpaces(T.getAsString(Ctx.getPrintingPolicy())) ==
         withoutSpaces(K->type);
}

static bool acquiresKind(const pg_function *F, const pg_kind *K) {
  for (size_t I = 0; I < F->nacquire; ++I)
    if (F->acquire[I].kind == K)
      return true;
  return false;
}

llvm::ArrayRef<KindOption>
ConfigModel::kindOptions(const pg_kind *K, const pg_function *Acquirer) const {
  auto Key = std::make_pair(K, Acquirer);
  auto It = Cache.find(Key);
  if (It != Cache.end())
    return It->second;
  std::vector<KindOption> Out;
  auto Add = [&](const pg_function *F, bool Ctor) {
    for (size_t I = 0; I < F->configure->noptions; ++I) {
      const pg_option *O = &F->configure->options[I];
      const char *Name = optionKey(O->name);
      bool Seen = false;
      for (const KindOption &KO : Out)
        Seen |= optionKey(KO.Opt->name) == Name;
      if (!Seen)
        Out.push_back({O, F, Ctor});
    }
  };
  if (Acquirer && Acquirer->configure &&
      Acquirer->configure->arg == PG_NO_ARG && acquiresKind(Acquirer, K))
    Add(Acquirer, true);
  const pg_rules *R = Rules.raw();
  size_t N = pg_rules_function_count(R);
  for (size_t I = 0; I < N; ++I) {
    const pg_function *F = pg_rules_function_at(R, I);
    if (F->configure && F->configure->arg != PG_NO_ARG &&
        handleParamIs(F, F->configure->arg, K))
      Add(F, false);
  }
  for (size_t I = 0; I < N; ++I) {
    const pg_function *F = pg_rules_function_at(R, I);
    if (F != Acquirer && F->configure && F->configure->arg == PG_NO_ARG &&
        acquiresKind(F, K))
      Add(F, true);
  }
  return Cache[Key] = std::move(Out);
}

const pg_function *
ConfigModel::propertiesConstructor(const pg_kind *K, const char *Name,
                                   const pg_function *Prefer) const {
  const pg_rules *R = Rules.raw();
  const pg_function *Found = nullptr;
  for (size_t I = 0, N = pg_rules_function_count(R); I < N; ++I) {
    const pg_function *F = pg_rules_function_at(R, I);
    const pg_configure *Cfg = F->configure;
    if (!Cfg || Cfg->arg != PG_NO_ARG || Cfg->style != PG_STYLE_PROPERTIES ||
        Cfg->first_property_arg != 0 || !acquiresKind(F, K) ||
        !declared(F->name))
      continue;
    bool Knows = false;
    for (size_t O = 0; O < Cfg->noptions; ++O)
      Knows |= std::strcmp(Cfg->options[O].name, Name) == 0;
    if (!Knows)
      continue;
    if (Prefer && llvm::StringRef(F->name).starts_with(Prefer->name))
      return F;
    if (!Found)
      Found = F;
  }
  return Found;
}

bool ConfigModel::constructOnly(const pg_option &Opt) const {
  return Opt.construct_only && (!Opt.construct_only_if_declared ||
                                declared(Opt.construct_only_if_declared));
}

const pg_option *ConfigModel::fixOption(const pg_kind *K,
                                        const pg_function *Acquirer,
                                        pg_effect E) const {
  llvm::ArrayRef<KindOption> Own = kindOptions(K, Acquirer);
  for (const KindOption &KO : Own)
    if (KO.Opt->effect == E && KO.Opt->fix && !constructOnly(*KO.Opt) &&
        declared(templateCallee(KO.Opt->fix)))
      return KO.Opt;
  const pg_rules *R = Rules.raw();
  for (size_t I = 0, N = pg_rules_function_count(R); I < N; ++I) {
    const pg_function *F = pg_rules_function_at(R, I);
    if (!F->configure || F->configure->arg == PG_NO_ARG || !F->library ||
        !K->library || std::strcmp(F->library, K->library) != 0)
      continue;
    for (size_t O = 0; O < F->configure->noptions; ++O) {
      const pg_option *Opt = &F->configure->options[O];
      if (Opt->effect != E || !Opt->fix || constructOnly(*Opt) ||
          !declared(templateCallee(Opt->fix)))
        continue;
      for (const KindOption &KO : Own)
        if (KO.Opt->effect == E &&
            optionKey(KO.Opt->name) == optionKey(Opt->name))
          return Opt;
    }
  }
  return nullptr;
}

const pg_function *ConfigModel::resetFunction(const pg_kind *K) const {
  const pg_rules *R = Rules.raw();
  for (size_t I = 0, N = pg_rules_function_count(R); I < N; ++I) {
    const pg_function *F = pg_rules_function_at(R, I);
    if (F->reset_arg != PG_NO_ARG && handleParamIs(F, F->reset_arg, K))
      return F;
  }
  return nullptr;
}

} // namespace poolguard
