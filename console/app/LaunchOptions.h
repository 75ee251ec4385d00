#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace caredesk::console {

struct LaunchParseResult;

// What the console was started with:
//   --server URL           server to sign in to (prefills the dialog)
//   --user NAME            username (prefills the dialog)
//   --password-file FILE   password in the first line of FILE; with --server and
//                          --user the console signs in without showing the dialog
//   --screenshot FILE      after signing in, save the main window as an image to
//                          FILE and quit (used to produce documentation)
struct LaunchOptions {
    QString server;
    QString username;
    std::optional<QString> password;
    QString screenshotPath;

    bool signsInDirectly() const {
        return !server.isEmpty() && !username.isEmpty() && password.has_value();
    }

    // arguments[0] is the program name, as in QCoreApplication::arguments().
    static LaunchParseResult parse(const QStringList &arguments);

    // The first line of the file, without its line ending. A password file must
    // be a regular file that no other user can read or write (like ssh keys):
    // anything else is refused with *error saying why.
    static std::optional<QString> readPasswordFile(const QString &path, QString *error);
};

struct LaunchParseResult {
    std::optional<LaunchOptions> options; // set when the console should run
    QString output;                       // --help / --version text, or the error
    int exitCode = 0;                     // when options is empty
};

} // namespace caredesk::console
