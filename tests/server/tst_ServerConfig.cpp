// Option sources and their precedence: defaults < file < environment < flags.

#include "app/ServerConfig.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using caredesk::server::loadServerConfig;

class ServerConfigTest : public QObject {
    Q_OBJECT

private slots:
    void defaults() {
        const auto load = loadServerConfig({}, {});
        QVERIFY(load.config);
        QCOMPARE(load.config->port, std::uint16_t(8080));
        QCOMPARE(load.config->listenAddress, std::string("127.0.0.1"));
        QVERIFY(load.config->databaseUrl.empty());
        QVERIFY(!load.config->dataDir.empty());
        QCOMPARE(load.config->sessionTimeouts.idle, std::chrono::seconds(1800));
    }

    void flagsWinOverEnvironmentWhichWinsOverTheFile() {
        QTemporaryDir dir;
        const auto file = dir.filePath("caredesk.conf").toStdString();
        std::ofstream(file) << "# comment\n[server]\nport = 9000\nlisten = 0.0.0.0\n"
                               "db-threads = 3\nlog-level = \"debug\"\n";
        const auto load = loadServerConfig({"--config", file, "--port=9200"},
                                           {{"CAREDESK_PORT", "9100"}, {"CAREDESK_DB_THREADS", "5"}});
        QVERIFY2(load.config, load.output.c_str());
        QCOMPARE(load.config->port, std::uint16_t(9200));
        QCOMPARE(load.config->dbThreads, 5);
        QCOMPARE(load.config->listenAddress, std::string("0.0.0.0"));
        QCOMPARE(load.config->logLevel, std::string("debug"));
    }

    void configFileFromEnvironment() {
        QTemporaryDir dir;
        const auto file = dir.filePath("c.conf").toStdString();
        std::ofstream(file) << "database-url = postgresql:///x\n";
        const auto load = loadServerConfig({}, {{"CAREDESK_CONFIG", file}});
        QVERIFY(load.config);
        QCOMPARE(load.config->databaseUrl, std::string("postgresql:///x"));
    }

    void errorsAreSpecific_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown flag") << QStringList{"--prot", "1"} << "--prot";
        QTest::newRow("missing value") << QStringList{"--port"} << "needs a value";
        QTest::newRow("not a number") << QStringList{"--port", "eighty"} << "eighty";
        QTest::newRow("out of range") << QStringList{"--port", "70000"} << "between 0 and 65535";
        QTest::newRow("half of tls") << QStringList{"--tls-cert", "a.pem"} << "together";
        QTest::newRow("bad cost") << QStringList{"--password-cost", "cheap"} << "interactive";
        QTest::newRow("stray argument") << QStringList{"serve"} << "serve";
    }
    void errorsAreSpecific() {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        std::vector<std::string> list;
        for (const auto &a : args)
            list.push_back(a.toStdString());
        const auto load = loadServerConfig(list, {});
        QVERIFY(!load.config);
        QCOMPARE(load.exitCode, 2);
        QVERIFY2(QString::fromStdString(load.output).contains(mentions), load.output.c_str());
    }

    void fileErrorsNameTheLine() {
        QTemporaryDir dir;
        const auto file = dir.filePath("c.conf").toStdString();
        std::ofstream(file) << "port = 1\nnonsense here\n";
        const auto load = loadServerConfig({"--config", file}, {});
        QVERIFY(!load.config);
        QVERIFY2(load.output.find(":2:") != std::string::npos, load.output.c_str());
    }

    void environmentErrorsNameTheVariable() {
        const auto load = loadServerConfig({}, {{"CAREDESK_IO_THREADS", "0"}});
        QVERIFY(!load.config);
        QVERIFY2(load.output.find("CAREDESK_IO_THREADS") != std::string::npos,
                 load.output.c_str());
    }

    void patientGraceIsConfigurable() {
        QCOMPARE(loadServerConfig({}, {}).config->patientGrace, std::chrono::seconds(600));
        const auto flag = loadServerConfig({"--patient-grace", "45"}, {});
        QVERIFY2(flag.config, flag.output.c_str());
        QCOMPARE(flag.config->patientGrace, std::chrono::seconds(45));
        const auto env = loadServerConfig({}, {{"CAREDESK_PATIENT_GRACE", "300"}});
        QVERIFY2(env.config, env.output.c_str());
        QCOMPARE(env.config->patientGrace, std::chrono::seconds(300));
        const auto zero = loadServerConfig({"--patient-grace=0"}, {});
        QVERIFY(!zero.config);
        QVERIFY2(zero.output.find("between 1 and") != std::string::npos, zero.output.c_str());
    }

    void auditKeyDefaultsToTheDataFolder() {
        const auto plain = loadServerConfig({"--data-dir", "/srv/caredesk"}, {});
        QVERIFY2(plain.config, plain.output.c_str());
        QCOMPARE(plain.config->auditKeyPath(), std::filesystem::path("/srv/caredesk/audit-key"));
        QVERIFY(!plain.config->verifyAudit);
        const auto given = loadServerConfig(
            {"--verify-audit", "--data-dir", "/srv/caredesk"},
            {{"CAREDESK_AUDIT_KEY_FILE", "/etc/caredesk/audit-key"}});
        QVERIFY2(given.config, given.output.c_str());
        QVERIFY(given.config->verifyAudit);
        QCOMPARE(given.config->auditKeyPath(), std::filesystem::path("/etc/caredesk/audit-key"));
    }

    void helpDocumentsEveryOption() {
        const auto load = loadServerConfig({"--help"}, {});
        QVERIFY(!load.config);
        QCOMPARE(load.exitCode, 0);
        for (const char *option :
             {"--config", "--listen", "--port", "--database-url", "--data-dir", "--tls-cert",
              "--tls-key", "--log-level", "--log-file", "--session-idle-timeout", "--demo",
              "--create-admin", "--ready-file", "--patient-grace SECONDS", "CAREDESK_PATIENT_GRACE",
              "CAREDESK_DATABASE_URL"})
            QVERIFY2(load.output.find(option) != std::string::npos, option);
    }
};

QTEST_GUILESS_MAIN(ServerConfigTest)
#include "tst_ServerConfig.moc"
