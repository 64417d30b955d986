// Source edits for fix-its: the statement of a block that holds an
// expression, insertion of a line before or after it, removal of it, and
// edits of call arguments. Each helper returns nothing when the edit is not
// plainly safe (a label, an unbraced branch, text that comes from a macro
// definition).
#ifndef POOLGUARD_SOURCEEDITS_H
#define POOLGUARD_SOURCEEDITS_H

#include "clang/AST/ParentMap.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceManager.h"

#include <optional>
#include <string>

namespace clang {
class Decl;
class DeclStmt;
class Expr;
class Stmt;
class VarDecl;
} // namespace clang

namespace poolguard {

struct EditContext {
  const clang::SourceManager &SM;
  const clang::LangOptions &LO;
};

// The statement that contains E and sits directly in a `{ }` block: the
// statement itself, or the `if`/loop whose condition holds E. Null when E is
// in an unbraced branch or loop body, or after a label.
const clang::Stmt *blockStatement(const clang::Stmt *E, clang::ParentMap &PM);

// Whether the statement is exactly the call E (`f(...);`, `(void)f(...);`),
// so removing the statement removes only the call.
bool isCallStatement(const clang::Stmt *S, const clang::Expr *E);

// The white space that starts the line of Loc.
std::string indentOf(clang::SourceLocation Loc, const clang::SourceManager &SM);
// Just past the statement whose file range is R, including its ';' when it
// ends with one.
clang::SourceLocation endOfStatement(const clang::CharSourceRange &R,
                                     const EditContext &EC);

// `Text` as a line of its own before or after statement S (same indent).
std::optional<clang::FixItHint> insertLineBefore(const clang::Stmt *S,
                                                 llvm::StringRef Text,
                                                 const EditContext &EC);
std::optional<clang::FixItHint> insertLineAfter(const clang::Stmt *S,
                                                llvm::StringRef Text,
                                                const EditContext &EC);
// Removes statement S, and its line when nothing else is on it.
std::optional<clang::FixItHint> removeStatement(const clang::Stmt *S,
                                                const EditContext &EC);

// The file range of statement S when it is written in the file or is one
// whole macro invocation (`g_clear_object (&in);`, `return FALSE;`); none
// when S is only part of a macro's expansion, where an edit before it would
// land outside a branch of that macro.
std::optional<clang::CharSourceRange>
wholeStatementRange(const clang::Stmt *S, const EditContext &EC);

// The file text range of E (a macro argument or invocation is taken as
// written), or nothing when E comes from a macro body.
std::optional<clang::CharSourceRange> fileRange(const clang::Expr *E,
                                                const EditContext &EC);
std::optional<std::string> sourceText(const clang::Expr *E,
                                      const EditContext &EC);

// Whether VD can be named at statement S of function Fn: a parameter, a
// global, or a local declared earlier in a block that encloses S.
bool visibleAt(const clang::VarDecl *VD, const clang::Stmt *S,
               const clang::Decl *Fn, clang::ParentMap &PM,
               const clang::SourceManager &SM);
// The declaration statement of VD within S, or null.
const clang::DeclStmt *declaringStmt(const clang::Stmt *S,
                                     const clang::VarDecl *VD);
// Whether S is the declaration of VD (`CURLM *m = curl_multi_init();`):
// then VD can be named right after S.
bool declares(const clang::Stmt *S, const clang::VarDecl *VD);

} // namespace poolguard

#endif
