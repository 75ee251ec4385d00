#include "app/LaunchOptions.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using caredesk::console::LaunchOptions;

class LaunchOptionsTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void noArgumentsMeansAskInTheDialog();
    void serverAndUserPrefillTheDialog();
    void passwordFileSignsInDirectly();
    void helpAndVersionAreOutputNotErrors();
    void mistakesAreRefusedWithExitCode2_data();
    void mistakesAreRefusedWithExitCode2();
    void passwordFileReadableByOthersIsRefused();
    void passwordFileTakesOnlyTheFirstLine();
    void emptyOrMissingPasswordFileIsRefused();

private:
    QString writeFile(const QString &name, const QByteArray &content,
                      QFileDevice::Permissions permissions = QFileDevice::ReadOwner |
                                                             QFileDevice::WriteOwner);

    QTemporaryDir m_folder;
};

void LaunchOptionsTest::initTestCase() {
    QVERIFY(m_folder.isValid());
    QCoreApplication::setApplicationName(QStringLiteral("caredesk-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral("9.8.7"));
}

QString LaunchOptionsTest::writeFile(const QString &name, const QByteArray &content,
                                     QFileDevice::Permissions permissions) {
    const QString path = m_folder.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) < 0)
        qFatal("cannot write %s", qPrintable(path));
    file.close();
    QFile::setPermissions(path, permissions);
    return path;
}

void LaunchOptionsTest::noArgumentsMeansAskInTheDialog() {
    const auto result = LaunchOptions::parse({QStringLiteral("caredesk-console")});
    QVERIFY(result.options);
    QVERIFY(result.options->server.isEmpty());
    QVERIFY(!result.options->signsInDirectly());
}

void LaunchOptionsTest::serverAndUserPrefillTheDialog() {
    const auto result =
        LaunchOptions::parse({QStringLiteral("caredesk-console"), QStringLiteral("--server"),
                              QStringLiteral("http://127.0.0.1:8080"), QStringLiteral("--user"),
                              QStringLiteral("admin")});
    QVERIFY(result.options);
    QCOMPARE(result.options->server, QStringLiteral("http://127.0.0.1:8080"));
    QCOMPARE(result.options->username, QStringLiteral("admin"));
    QVERIFY(!result.options->password);
    QVERIFY(!result.options->signsInDirectly());
}

void LaunchOptionsTest::passwordFileSignsInDirectly() {
    const QString file = writeFile(QStringLiteral("pw"), "s3cret words\n");
    const QString shot = m_folder.filePath(QStringLiteral("shot.png"));
    const auto result = LaunchOptions::parse(
        {QStringLiteral("caredesk-console"), QStringLiteral("--server=https://care.example.org"),
         QStringLiteral("--user=admin"), QStringLiteral("--password-file"), file,
         QStringLiteral("--screenshot"), shot});
    QVERIFY2(result.options, qPrintable(result.output));
    QCOMPARE(result.options->password.value(), QStringLiteral("s3cret words"));
    QCOMPARE(result.options->screenshotPath, shot);
    QVERIFY(result.options->signsInDirectly());
}

void LaunchOptionsTest::helpAndVersionAreOutputNotErrors() {
    const auto help =
        LaunchOptions::parse({QStringLiteral("caredesk-console"), QStringLiteral("--help")});
    QVERIFY(!help.options);
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.output.contains(QLatin1String("--password-file")));
    QVERIFY(help.output.contains(QLatin1String("--screenshot")));

    const auto version =
        LaunchOptions::parse({QStringLiteral("caredesk-console"), QStringLiteral("--version")});
    QVERIFY(!version.options);
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.output, QStringLiteral("caredesk-console 9.8.7\n"));
}

void LaunchOptionsTest::mistakesAreRefusedWithExitCode2_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("--colour")} << QStringLiteral("colour");
    QTest::newRow("missing value")
        << QStringList{QStringLiteral("--server")} << QStringLiteral("server");
    QTest::newRow("not a server") << QStringList{QStringLiteral("--server=ftp://x")}
                                  << QStringLiteral("ftp://x");
    QTest::newRow("stray argument")
        << QStringList{QStringLiteral("admin")} << QStringLiteral("admin");
    QTest::newRow("screenshot needs credentials")
        << QStringList{QStringLiteral("--screenshot=/tmp/x.png")} << QStringLiteral("--screenshot");
    QTest::newRow("missing password file")
        << QStringList{QStringLiteral("--password-file=/nonexistent/pw")}
        << QStringLiteral("does not exist");
}

void LaunchOptionsTest::mistakesAreRefusedWithExitCode2() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    arguments.prepend(QStringLiteral("caredesk-console"));
    const auto result = LaunchOptions::parse(arguments);
    QVERIFY(!result.options);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.output.contains(mentions), qPrintable(result.output));
}

void LaunchOptionsTest::passwordFileReadableByOthersIsRefused() {
    const QString open = writeFile(QStringLiteral("open"), "pw\n",
                                   QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                       QFileDevice::ReadGroup | QFileDevice::ReadOther);
    QString error;
    QVERIFY(!LaunchOptions::readPasswordFile(open, &error));
    QVERIFY2(error.contains(QLatin1String("chmod 600")), qPrintable(error));

    const QString writable = writeFile(QStringLiteral("writable"), "pw\n",
                                       QFileDevice::ReadOwner | QFileDevice::WriteOther);
    QVERIFY(!LaunchOptions::readPasswordFile(writable, &error));

    const QString ownerOnly = writeFile(QStringLiteral("private"), "pw\n");
    QCOMPARE(LaunchOptions::readPasswordFile(ownerOnly, &error).value_or(QString()),
             QStringLiteral("pw"));
}

void LaunchOptionsTest::passwordFileTakesOnlyTheFirstLine() {
    QString error;
    const QString crlf = writeFile(QStringLiteral("crlf"), "with spaces \r\nsecond line\n");
    QCOMPARE(LaunchOptions::readPasswordFile(crlf, &error).value_or(QString()),
             QStringLiteral("with spaces "));
    const QString noNewline = writeFile(QStringLiteral("bare"), "pässwörd");
    QCOMPARE(LaunchOptions::readPasswordFile(noNewline, &error).value_or(QString()),
             QStringLiteral("pässwörd"));
}

void LaunchOptionsTest::emptyOrMissingPasswordFileIsRefused() {
    QString error;
    QVERIFY(!LaunchOptions::readPasswordFile(writeFile(QStringLiteral("empty"), "\n"), &error));
    QVERIFY(error.contains(QLatin1String("no password")));
    QVERIFY(!LaunchOptions::readPasswordFile(m_folder.path(), &error));
    QVERIFY(error.contains(QLatin1String("not a regular file")));
    QVERIFY(!LaunchOptions::readPasswordFile(m_folder.filePath(QStringLiteral("nope")), &error));
    QVERIFY(error.contains(QLatin1String("does not exist")));
    QVERIFY(!LaunchOptions::readPasswordFile(
        writeFile(QStringLiteral("huge"), QByteArray(10000, 'x')), &error));
}

QTEST_GUILESS_MAIN(LaunchOptionsTest)
#include "LaunchOptionsTest.moc"
