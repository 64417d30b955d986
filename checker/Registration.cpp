// Entry points the analyzer looks up in the plugin: the API version it must
// match and the checker registry hook.
#include "Lifecycle.h"

#include "clang/AST/ASTContext.h"
#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"


using namespace clang;
using namespace clang::ento;
using namespace poolguard;

// The analyzer refuses a plugin whose string differs from its own full
// version (19.1.7). `extern` matters: a const array would be internal.
extern "C" LLVM_ATTRIBUTE_USED const char clang_analyzerAPIVersionString[] =
    CLANG_ANALYZER_API_VERSION_STRING;

static const char *const EngineName = "poolguard.Lifecycle";

static void registerEngine(CheckerManager &Mgr) {
  LifecycleEngine *E = Mgr.registerChecker<LifecycleEngine>();
  StringRef Files = Mgr.getAnalyzerOptions().getCheckerStringOption(
      EngineName, "Rules", /*SearchInParents=*/true);
  E->Rules = RuleSet::load(Files, Mgr.getASTContext().getDiagnostics());
}

template <CheckKind K> static void registerCheck(CheckerManager &Mgr) {
  LifecycleEngine *E = Mgr.getChecker<LifecycleEngine>();
  E->Enabled[K] = true;
  E->Names[K] = Mgr.getCurrentCheckerName();
}

static bool always(const CheckerManager &) { return true; }

static const char *const Descriptions[CK_NumKinds] = {
    "A response body, request, client or auxiliary handle that is not "
    "released on some path",
    "A library call on a handle that was already released, or a second "
    "release"};

// The registry keeps StringRefs to these: they must outlive it.
static const char *const FullNames[CK_NumKinds] = {
    "poolguard.HandleLeak", "poolguard.UseAfterRelease"};
static const char *const DocsUris[CK_NumKinds] = {
    "docs/checkers/HandleLeak.md", "docs/checkers/UseAfterRelease.md"};

template <CheckKind K> static void addCheck(CheckerRegistry &Registry) {
  Registry.addChecker(registerCheck<K>, always, FullNames[K], Descriptions[K],
                      DocsUris[K], false);
  Registry.addDependency(FullNames[K], EngineName);
}

extern "C" LLVM_ATTRIBUTE_USED void
clang_registerCheckers(CheckerRegistry &Registry) {
  Registry.addChecker(registerEngine, always, EngineName,
                      "The handle lifecycle engine every poolguard checker "
                      "reports through",
                      "docs/checkers/README.md", true);
  Registry.addPackage("poolguard");
  Registry.addPackageOption("string", "poolguard", "Rules", "",
                            "Comma-separated rule files loaded after the "
                            "built-in ones (see docs/rules.md)",
                            "released");
  addCheck<CK_HandleLeak>(Registry);
  addCheck<CK_UseAfterRelease>(Registry);
}
