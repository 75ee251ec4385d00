#include "app/LaunchOptions.h"

#include "net/ServerAddress.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace caredesk::console {

namespace {
// A password, not a document: anything longer is the wrong file.
constexpr qint64 kMaxPasswordFileBytes = 4096;
} // namespace

LaunchParseResult LaunchOptions::parse(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("LaunchOptions", "CareDesk Console: the caregivers' desktop."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption serverOption(
        QStringLiteral("server"),
        QCoreApplication::translate("LaunchOptions", "Server to sign in to, e.g. https://host."),
        QStringLiteral("URL"));
    const QCommandLineOption userOption(QStringLiteral("user"),
                                        QCoreApplication::translate("LaunchOptions", "Username."),
                                        QStringLiteral("NAME"));
    const QCommandLineOption passwordFileOption(
        QStringLiteral("password-file"),
        QCoreApplication::translate(
            "LaunchOptions",
            "Read the password from the first line of FILE (mode 600: files other users can "
            "read are refused). With --server and --user, sign in without the dialog."),
        QStringLiteral("FILE"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QCoreApplication::translate(
            "LaunchOptions", "After signing in, save the main window to FILE (PNG) and quit."),
        QStringLiteral("FILE"));
    parser.addOptions({serverOption, userOption, passwordFileOption, screenshotOption});

    if (!parser.parse(arguments))
        return {std::nullopt, parser.errorText() + QLatin1Char('\n'), 2};
    if (parser.isSet(helpOption))
        return {std::nullopt, parser.helpText(), 0};
    if (parser.isSet(versionOption))
        return {std::nullopt,
                QCoreApplication::applicationName() + QLatin1Char(' ') +
                    QCoreApplication::applicationVersion() + QLatin1Char('\n'),
                0};
    if (!parser.positionalArguments().isEmpty())
        return {std::nullopt,
                QStringLiteral("unexpected argument: %1\n").arg(parser.positionalArguments()[0]),
                2};

    LaunchOptions options;
    options.server = parser.value(serverOption).trimmed();
    options.username = parser.value(userOption).trimmed();
    options.screenshotPath = parser.value(screenshotOption);
    if (!options.server.isEmpty() && !ServerAddress::fromUserInput(options.server))
        return {std::nullopt,
                QStringLiteral("--server: \"%1\" is not a server address\n").arg(options.server),
                2};
    if (parser.isSet(passwordFileOption)) {
        QString error;
        options.password = readPasswordFile(parser.value(passwordFileOption), &error);
        if (!options.password)
            return {std::nullopt, QStringLiteral("--password-file: %1\n").arg(error), 2};
    }
    if (!options.screenshotPath.isEmpty() && !options.signsInDirectly())
        return {std::nullopt,
                QStringLiteral("--screenshot needs --server, --user and --password-file\n"), 2};
    return {options, {}, 0};
}

std::optional<QString> LaunchOptions::readPasswordFile(const QString &path, QString *error) {
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = QStringLiteral("%1 does not exist").arg(path);
        return std::nullopt;
    }
    if (!info.isFile()) {
        *error = QStringLiteral("%1 is not a regular file").arg(path);
        return std::nullopt;
    }
    if (info.permissions() & (QFileDevice::ReadOther | QFileDevice::WriteOther)) {
        *error = QStringLiteral("%1 can be read or changed by other users; chmod 600 it").arg(path);
        return std::nullopt;
    }
    if (info.size() > kMaxPasswordFileBytes) {
        *error = QStringLiteral("%1 is too large to be a password file").arg(path);
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QByteArray line = file.readLine(kMaxPasswordFileBytes + 1);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty()) {
        *error = QStringLiteral("%1 holds no password in its first line").arg(path);
        return std::nullopt;
    }
    return QString::fromUtf8(line);
}

} // namespace caredesk::console
