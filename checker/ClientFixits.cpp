#include "ClientFixits.h"

#include "HandleState.h"
#include "Lifecycle.h"
#include "Reports.h"
#include "SourceEdits.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Analysis/AnalysisDeclContext.h"

using namespace clang;
using namespace clang::ento;

namespace poolguard {

static EditContext editContext(CheckerContext &C) {
  return EditContext{C.getSourceManager(), C.getLangOpts()};
}

// A fix template with {value} and {} filled in.
static std::string fill(const char *Template, int64_t Value,
                        llvm::StringRef Handle) {
  std::string T = Template;
  const std::string Key = "{value}";
  for (size_t At = T.find(Key); At != std::string::npos; At = T.find(Key, At))
    T.replace(At, Key.size(), std::to_string(Value));
  return instantiate(T.c_str(), Handle);
}

// How the fix-it names the handle: as the report does, or by what held it
// when it joined its pool (its variable may be gone since).
static HandleName handleName(SymbolRef Sym, CheckerContext &C,
                             const MemRegion *Holder = nullptr) {
  if (const Handle *H = trackedHandle(C.getState(), Sym))
    return nameHandle(*H, Sym, C.getPredecessor());
  HandleName Name;
  if (Holder && Holder->canPrintPretty())
    if (const auto *VR = dyn_cast<VarRegion>(Holder->getBaseRegion())) {
      Name.Expr = Holder->getDescriptiveName(false);
      Name.Var = VR->getDecl();
    }
  return Name;
}

Fixes insertOptionBefore(const pg_option &Opt, int64_t Value, SymbolRef Sym,
                         const Expr *At, const StackFrameContext *Frame,
                         CheckerContext &C, const MemRegion *Holder) {
  Fixes Out;
  HandleName Name = handleName(Sym, C, Holder);
  if (!Opt.fix || !At || !Frame || Name.Expr.empty() || !Name.Var)
    return Out;
  ParentMap &PM = Frame->getAnalysisDeclContext()->getParentMap();
  const Stmt *S = blockStatement(At, PM);
  if (!S || !visibleAt(Name.Var, S, Frame->getDecl(), PM, C.getSourceManager()))
    return Out;
  if (auto Hint = insertLineBefore(S, fill(Opt.fix, Value, Name.Expr) + ";",
                                   editContext(C)))
    Out.push_back(*Hint);
  return Out;
}

Fixes insertOptionAfterCreation(const pg_option &Opt, int64_t Value,
                                SymbolRef Sym, const ClientRecord &R,
                                CheckerContext &C) {
  Fixes Out;
  HandleName Name = handleName(Sym, C);
  if (!Opt.fix || !R.Origin || !R.OriginFrame || Name.Expr.empty() || !Name.Var)
    return Out;
  ParentMap &PM = R.OriginFrame->getAnalysisDeclContext()->getParentMap();
  const Stmt *S = blockStatement(R.Origin, PM);
  if (!S || !(declares(S, Name.Var) ||
              visibleAt(Name.Var, S, R.OriginFrame->getDecl(), PM,
                        C.getSourceManager())))
    return Out;
  if (auto Hint = insertLineAfter(S, fill(Opt.fix, Value, Name.Expr) + ";",
                                  editContext(C)))
    Out.push_back(*Hint);
  return Out;
}

// A configure call that sets nothing but this option: a named value must be
// passed alone (SOUP_MESSAGE_NEW_CONNECTION, not A | NEW_CONNECTION).
static bool setsOnly(const CallExpr *CE, const pg_option &Opt) {
  if (!Opt.value)
    return true;
  for (const Expr *Arg : CE->arguments())
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Arg->IgnoreParenCasts()))
      if (const auto *EC = dyn_cast<EnumConstantDecl>(DRE->getDecl()))
        if (EC->getName() == Opt.value)
          return true;
  return false;
}

Fixes removeSettingCalls(llvm::ArrayRef<OptionSetting> Settings,
                         CheckerContext &C) {
  Fixes Out;
  llvm::SmallVector<const Expr *, 2> Done;
  for (const OptionSetting &S : Settings) {
    const auto *CE = dyn_cast_or_null<CallExpr>(S.Call);
    if (!CE || !S.Frame || llvm::is_contained(Done, S.Call) ||
        !setsOnly(CE, *S.Opt))
      continue;
    const Stmt *St =
        blockStatement(CE, S.Frame->getAnalysisDeclContext()->getParentMap());
    if (!St || !isCallStatement(St, CE))
      continue;
    if (auto Hint = removeStatement(St, editContext(C))) {
      Out.push_back(*Hint);
      Done.push_back(S.Call);
    }
  }
  return Out;
}

static std::optional<llvm::StringRef> literalName(const Expr *E) {
  if (const auto *SL = dyn_cast<StringLiteral>(E->IgnoreParenCasts()))
    if (SL->getCharByteWidth() == 1)
      return SL->getString();
  return std::nullopt;
}

Fixes propertiesAtConstruction(const ClientRecord &R,
                               llvm::ArrayRef<PropertyValue> Props,
                               CheckerContext &C, const ConfigModel &M) {
  Fixes Out;
  const auto *CE = dyn_cast_or_null<CallExpr>(R.Origin);
  const pg_function *F = R.Acquirer;
  if (!CE || !F || Props.empty())
    return Out;
  EditContext EC = editContext(C);
  ASTContext &Ctx = C.getASTContext();
  const pg_configure *Cfg = F->configure;
  if (Cfg && Cfg->arg == PG_NO_ARG && Cfg->style == PG_STYLE_PROPERTIES &&
      Cfg->first_property_arg >= 0) {
    // Properties already in the list get their new value; the others go,
    // as one insertion, before the terminating NULL.
    std::string Added;
    for (const PropertyValue &P : Props) {
      bool Replaced = false;
      for (unsigned I = Cfg->first_property_arg; I + 1 < CE->getNumArgs();
           I += 2) {
        std::optional<llvm::StringRef> Prop = literalName(CE->getArg(I));
        if (!Prop)
          break;
        if (*Prop != P.Name)
          continue;
        auto Range = fileRange(CE->getArg(I + 1), EC);
        if (!Range)
          return {};
        Out.push_back(FixItHint::CreateReplacement(*Range, P.Text));
        Replaced = true;
        break;
      }
      if (!Replaced)
        Added += "\"" + std::string(P.Name) + "\", " + P.Text + ", ";
    }
    if (Added.empty())
      return Out;
    for (unsigned I = Cfg->first_property_arg; I < CE->getNumArgs(); I += 2) {
      const Expr *Arg = CE->getArg(I);
      if (Arg->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull)) {
        auto Range = fileRange(Arg, EC);
        if (!Range)
          return {};
        Out.push_back(FixItHint::CreateInsertion(Range->getBegin(), Added));
        return Out;
      }
      if (!literalName(Arg))
        return {};
    }
    return {};
  }
  if (Cfg || CE->getNumArgs() != 0)
    return Out;
  const pg_function *Ctor = M.propertiesConstructor(R.Kind, Props[0].Name, F);
  if (!Ctor)
    return Out;
  std::string Args;
  for (const PropertyValue &P : Props)
    Args += "\"" + std::string(P.Name) + "\", " + P.Text + ", ";
  if (auto Range = fileRange(CE, EC))
    Out.push_back(FixItHint::CreateReplacement(
        *Range, std::string(Ctor->name) + "(" + Args + "NULL)"));
  return Out;
}

Fixes removeProperties(const CallEvent &Call, const pg_configure &Cfg,
                       llvm::ArrayRef<ConfiguredOption> Opts,
                       CheckerContext &C) {
  Fixes Out;
  const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  if (!CE || Cfg.first_property_arg < 0 || Opts.empty())
    return Out;
  EditContext EC = editContext(C);
  unsigned N = CE->getNumArgs();
  // The name arguments to remove, in order.
  llvm::SmallVector<unsigned, 4> Names;
  for (const ConfiguredOption &O : Opts) {
    if (O.ValueArg + 1 >= N)
      return Out;
    Names.push_back(O.NameArg);
  }
  llvm::sort(Names);
  unsigned First = static_cast<unsigned>(Cfg.first_property_arg);
  bool All = N >= First + 1 && (N - 1 - First) == 2 * Names.size() &&
             CE->getArg(N - 1)->isNullPointerConstant(
                 C.getASTContext(), Expr::NPC_ValueDependentIsNotNull);
  for (unsigned I = 0; All && I < Names.size(); ++I)
    All = Names[I] == First + 2 * I;
  if (All) {
    const Stmt *S = blockStatement(
        CE, C.getStackFrame()->getAnalysisDeclContext()->getParentMap());
    if (S && isCallStatement(S, CE))
      if (auto Hint = removeStatement(S, EC))
        Out.push_back(*Hint);
    return Out;
  }
  // Adjacent pairs go in one removal: applied separately, two removals
  // that touch may be refused.
  for (unsigned I = 0; I < Names.size();) {
    unsigned J = I;
    while (J + 1 < Names.size() && Names[J + 1] == Names[J] + 2)
      ++J;
    auto From = fileRange(CE->getArg(Names[I]), EC);
    auto To = fileRange(CE->getArg(Names[J] + 2), EC);
    if (!From || !To)
      return {};
    Out.push_back(FixItHint::CreateRemoval(
        CharSourceRange::getCharRange(From->getBegin(), To->getBegin())));
    I = J + 1;
  }
  return Out;
}

std::optional<std::string> portableValue(const Expr *E, const ClientRecord &R,
                                         CheckerContext &C) {
  const Expr *V = E->IgnoreParenImpCasts();
  bool Portable = isa<IntegerLiteral>(V);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(V)) {
    const ValueDecl *D = DRE->getDecl();
    if (isa<EnumConstantDecl>(D))
      Portable = true;
    else if (const auto *P = dyn_cast<ParmVarDecl>(D))
      Portable =
          R.OriginFrame && Decl::castFromDeclContext(P->getDeclContext()) ==
                               R.OriginFrame->getDecl();
    else if (const auto *VD = dyn_cast<VarDecl>(D))
      Portable = VD->hasGlobalStorage() && !VD->isLocalVarDecl();
  }
  if (!Portable)
    return std::nullopt;
  return sourceText(E, editContext(C));
}

} // namespace poolguard
