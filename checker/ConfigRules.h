// The rule model's configuration entries, read against one call: which
// options a configure call sets and to what value, and which options apply
// to a kind of handle (their defaults and fix-it templates). Used by the
// client-configuration engine (ClientConfig.h). No program state here.
#ifndef POOLGUARD_CONFIGRULES_H
#define POOLGUARD_CONFIGRULES_H

#include "RuleSet.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState_Fwd.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
} // namespace clang

namespace poolguard {

// What the program passed for an option, as far as the path tells.
enum class ValueKind : unsigned char { Unknown, Zero, NonZero };

struct OptionValue {
  ValueKind Kind = ValueKind::Unknown;
  bool Exact = false; // Value is the concrete value
  int64_t Value = 0;
  // For a pointer value (CURLOPT_SHARE): the handle it points to.
  clang::ento::SymbolRef Handle = nullptr;
};

// One option a configure call sets.
struct ConfiguredOption {
  const pg_option *Opt;
  OptionValue Val;
  unsigned NameArg;  // the option or property-name argument (== ValueArg
                     // for style `value`)
  unsigned ValueArg; // the value argument
};

// The interned form of an option name: equal names, equal pointers. Settings
// of the same name through different functions (g_object_set "timeout",
// soup_session_set_timeout) replace each other.
const char *optionKey(const char *Name);

// The options a configure call sets, in argument order. Options the rules do
// not know are skipped; a property list stops at its NULL terminator or at a
// name that is not a string literal. *Unresolved is set when the call may
// set an option the path cannot name (a computed option or property name).
llvm::SmallVector<ConfiguredOption, 4>
configuredOptions(const pg_configure &Cfg, const clang::ento::CallEvent &Call,
                  clang::ento::ProgramStateRef State,
                  clang::ento::SValBuilder &SVB, bool *Unresolved = nullptr);

// A readable form of a value for messages: "0", "30", "a non-zero value".
std::string describeValue(const pg_option &Opt, const OptionValue &V);

// Whether an effect with this value is active: reuse-enabled is "active"
// (disables reuse) when zero, every other effect when non-zero. Unknown
// values are neither active nor inactive.
enum class Activity { Active, Inactive, Unknown };
Activity activity(const pg_option &Opt, const OptionValue &V);

// An option that applies to a kind of handle.
struct KindOption {
  const pg_option *Opt;
  const pg_function *Fn; // the configure function it belongs to
  bool Constructor;      // configured at construction (no handle argument)
};

// Knows the rule model and the translation unit: which options apply to a
// kind, which function rewrites a constructor call.
class ConfigModel {
public:
  ConfigModel(const RuleSet &Rules, clang::ASTContext &Ctx)
      : Rules(Rules), Ctx(Ctx) {}

  // The options that apply to a handle of kind K acquired by Acquirer, one
  // per name, in this order: the acquirer's own constructor options, those
  // of setters whose handle parameter has K's type (declared in this
  // translation unit), those of other constructors of K. The first of a name
  // gives its default.
  llvm::ArrayRef<KindOption> kindOptions(const pg_kind *K,
                                         const pg_function *Acquirer) const;

  // A constructor of K that takes a NULL-terminated property list from its
  // first argument and knows property Name (soup_session_new_with_options),
  // declared in this translation unit; one whose name starts with Prefer's
  // name wins (soup_session_sync_new -> soup_session_sync_new_with_options).
  const pg_function *propertiesConstructor(const pg_kind *K, const char *Name,
                                           const pg_function *Prefer) const;

  // A function of this name declared in the translation unit, or null.
  const clang::FunctionDecl *declared(llvm::StringRef Name) const;

  // The option whose fix template adds an option of effect E to a handle of
  // kind K: one of K's own options, else a same-named option of a generic
  // setter of K's library (g_object_set "timeout"); its function must be
  // declared in this translation unit. Null when none.
  const pg_option *fixOption(const pg_kind *K, const pg_function *Acquirer,
                             pg_effect E) const;

  // A rule function that resets handles of kind K (curl_easy_reset).
  const pg_function *resetFunction(const pg_kind *K) const;

  // Whether the library ignores Opt after construction in this translation
  // unit: construct-only, in the version its headers declare.
  bool constructOnly(const pg_option &Opt) const;

private:
  bool handleParamIs(const pg_function *F, int Arg, const pg_kind *K) const;

  const RuleSet &Rules;
  clang::ASTContext &Ctx;
  mutable llvm::DenseMap<std::pair<const pg_kind *, const pg_function *>,
                         std::vector<KindOption>>
      Cache;
};

} // namespace poolguard

#endif
