#include "app/ConsoleApplication.h"
#include "app/LaunchOptions.h"

#include <QApplication>
#include <cstdio>

int main(int argc, char *argv[]) {
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("CareDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("caredesk-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CAREDESK_VERSION));
    // The sign-in dialog and the main window take turns; leaving is decided by
    // ConsoleApplication, not by whichever window closed last.
    QApplication::setQuitOnLastWindowClosed(false);

    const auto launch = caredesk::console::LaunchOptions::parse(QCoreApplication::arguments());
    if (!launch.options) {
        std::fputs(qPrintable(launch.output), launch.exitCode == 0 ? stdout : stderr);
        return launch.exitCode;
    }

    caredesk::console::ConsoleApplication console;
    QObject::connect(&console, &caredesk::console::ConsoleApplication::finished, &app,
                     &QCoreApplication::exit, Qt::QueuedConnection);
    console.start(*launch.options);
    return app.exec();
}
