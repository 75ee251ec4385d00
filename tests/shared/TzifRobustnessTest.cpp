#include "DomainTestSupport.h"
#include "domain/TimeZone.h"
#include "domain/TimeZoneDatabase.h"

#include <QFile>
#include <QObject>
#include <QTest>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using caredesk::domain::TimeZone;
using caredesk::domain::TimeZoneDatabase;
using caredesk::test::utcTime;

namespace {

// Writes TZif bytes from parts, so each kind of damage can be made on purpose.
struct TzifParts {
    struct Type {
        std::int32_t offset;
        std::uint8_t dst;
        std::uint8_t abbreviationIndex;
    };
    char version = '2';
    std::vector<std::int64_t> times{1772953200, 1793512800}; // 2026-03-08 07:00Z, 2026-11-01 06:00Z
    std::vector<std::uint8_t> typeIndexes{1, 0};
    std::vector<Type> types{{-18000, 0, 0}, {-14400, 1, 4}};
    std::string abbreviations{"EST\0EDT\0", 8};
    std::uint32_t leapCount = 0;
    bool indicators = true;
    std::string footer = "EST5EDT,M3.2.0,M11.1.0";
    // Counts written in the 64-bit header instead of the real ones.
    std::optional<std::uint32_t> claimedTimeCount;
    std::optional<std::uint32_t> claimedTypeCount;
    std::optional<std::uint32_t> claimedCharCount;
    std::optional<std::uint32_t> claimedStdCount;
};

void putBigEndian(std::string &out, std::uint64_t value, int width) {
    for (int shift = (width - 1) * 8; shift >= 0; shift -= 8)
        out.push_back(static_cast<char>((value >> shift) & 0xff));
}

void putBlock(std::string &out, const TzifParts &parts, int timeSize, bool claimed) {
    const auto count = [&](std::optional<std::uint32_t> claim, std::size_t real) {
        return claimed && claim ? *claim : static_cast<std::uint32_t>(real);
    };
    const std::size_t indicatorCount = parts.indicators ? parts.types.size() : 0;
    out += "TZif";
    out.push_back(parts.version);
    out.append(15, '\0');
    putBigEndian(out, indicatorCount, 4);
    putBigEndian(out, count(parts.claimedStdCount, indicatorCount), 4);
    putBigEndian(out, parts.leapCount, 4);
    putBigEndian(out, count(parts.claimedTimeCount, parts.times.size()), 4);
    putBigEndian(out, count(parts.claimedTypeCount, parts.types.size()), 4);
    putBigEndian(out, count(parts.claimedCharCount, parts.abbreviations.size()), 4);
    for (const auto time : parts.times)
        putBigEndian(out, static_cast<std::uint64_t>(time), timeSize);
    for (const auto index : parts.typeIndexes)
        out.push_back(static_cast<char>(index));
    for (const auto &type : parts.types) {
        putBigEndian(out, static_cast<std::uint32_t>(type.offset), 4);
        out.push_back(static_cast<char>(type.dst));
        out.push_back(static_cast<char>(type.abbreviationIndex));
    }
    out += parts.abbreviations;
    for (std::uint32_t i = 0; i < parts.leapCount; ++i) {
        putBigEndian(out, 0, timeSize);
        putBigEndian(out, 0, 4);
    }
    out.append(indicatorCount * 2, '\0');
}

std::string build(const TzifParts &parts) {
    std::string out;
    putBlock(out, parts, 4, parts.version == '\0');
    if (parts.version == '\0')
        return out;
    putBlock(out, parts, 8, true);
    out += "\n" + parts.footer + "\n";
    return out;
}

std::string systemZoneBytes(const char *name) {
    QFile file(QString::fromStdString(TimeZoneDatabase::defaultDirectory()) + "/" + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read zone %s", name);
    const QByteArray bytes = file.readAll();
    return std::string(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

// Whatever was parsed must answer queries sanely.
bool answersSanely(const TimeZone &zone) {
    for (const auto instant : {utcTime(1900, 1, 1), utcTime(2026, 3, 8, 7), utcTime(2100, 7, 1),
                               std::chrono::sys_seconds{std::chrono::seconds{INT64_C(1) << 40}}}) {
        const auto offset = zone.offsetAt(instant);
        if (offset < -26h || offset > 26h)
            return false;
        (void)zone.toUtc(zone.toLocal(instant));
    }
    return true;
}

} // namespace

class TzifRobustnessTest : public QObject {
    Q_OBJECT

private:
    static void expectRefused(const std::string &bytes, const char *errorPart) {
        const auto loaded = TimeZone::fromTzif("Test/Zone", bytes);
        QVERIFY2(!loaded, errorPart);
        QVERIFY2(loaded.error.find(errorPart) != std::string::npos, loaded.error.c_str());
        QVERIFY(loaded.error.starts_with("time zone \"Test/Zone\": "));
    }

private slots:
    void builtFileParses() {
        const auto loaded = TimeZone::fromTzif("Test/Zone", build(TzifParts{}));
        QVERIFY2(loaded, loaded.error.c_str());
        QCOMPARE(loaded.zone->offsetAt(utcTime(2026, 3, 8, 6, 59, 59)), -5h);
        QCOMPARE(loaded.zone->offsetAt(utcTime(2026, 3, 8, 7)), -4h);
        QCOMPARE(loaded.zone->abbreviationAt(utcTime(2026, 7, 1)), std::string("EDT"));
        // After the last transition the footer rule takes over.
        QCOMPARE(loaded.zone->offsetAt(utcTime(2030, 7, 1)), -4h);
        QCOMPARE(loaded.zone->offsetAt(utcTime(2030, 1, 1)), -5h);
    }

    void versionOneFileHasNoFooter() {
        TzifParts parts;
        parts.version = '\0';
        const auto loaded = TimeZone::fromTzif("Test/Zone", build(parts));
        QVERIFY2(loaded, loaded.error.c_str());
        QCOMPARE(loaded.zone->offsetAt(utcTime(2026, 7, 1)), -4h);
        // No rule after the last transition: its type holds.
        QCOMPARE(loaded.zone->offsetAt(utcTime(2030, 7, 1)), -5h);
    }

    void emptyFooterKeepsTheLastType() {
        TzifParts parts;
        parts.footer.clear();
        const auto loaded = TimeZone::fromTzif("Test/Zone", build(parts));
        QVERIFY2(loaded, loaded.error.c_str());
        QCOMPARE(loaded.zone->offsetAt(utcTime(2030, 7, 1)), -5h);
    }

    void structuralDamageIsRefused() {
        expectRefused("", "bad magic");
        expectRefused("TZi", "bad magic");
        expectRefused("TZif2", "truncated TZif header");
        expectRefused(std::string("TZif1") + std::string(39, '\0'), "unknown TZif version");

        TzifParts hugeCount;
        hugeCount.claimedTimeCount = 0xffffffffu;
        expectRefused(build(hugeCount), "truncated data block");

        TzifParts noTypes;
        noTypes.claimedTypeCount = 0;
        expectRefused(build(noTypes), "type count");

        TzifParts tooManyTypes;
        tooManyTypes.claimedTypeCount = 257;
        expectRefused(build(tooManyTypes), "type count");

        TzifParts noCharacters;
        noCharacters.claimedCharCount = 0;
        expectRefused(build(noCharacters), "no time zone abbreviations");

        TzifParts indicatorMismatch;
        indicatorMismatch.claimedStdCount = 1;
        expectRefused(build(indicatorMismatch), "indicator counts");

        TzifParts leapSeconds;
        leapSeconds.leapCount = 1;
        expectRefused(build(leapSeconds), "leap seconds");
    }

    void contentDamageIsRefused() {
        TzifParts descending;
        descending.times = {1793512800, 1772953200};
        expectRefused(build(descending), "not strictly ascending");

        TzifParts repeated;
        repeated.times = {1772953200, 1772953200};
        expectRefused(build(repeated), "not strictly ascending");

        TzifParts missingType;
        missingType.typeIndexes = {1, 2};
        expectRefused(build(missingType), "missing local time type");

        TzifParts hugeOffset;
        hugeOffset.types[1].offset = 100 * 3600;
        expectRefused(build(hugeOffset), "UTC offset out of range");

        TzifParts minimumOffset;
        minimumOffset.types[0].offset = INT32_MIN;
        expectRefused(build(minimumOffset), "UTC offset out of range");

        TzifParts badFlag;
        badFlag.types[1].dst = 2;
        expectRefused(build(badFlag), "daylight saving flag");

        TzifParts abbreviationOutside;
        abbreviationOutside.types[1].abbreviationIndex = 8;
        expectRefused(build(abbreviationOutside), "abbreviation index out of range");

        TzifParts unterminated;
        unterminated.abbreviations = std::string("EST\0EDT", 7);
        unterminated.types[1].abbreviationIndex = 4;
        expectRefused(build(unterminated), "abbreviation is not terminated");

        TzifParts badFooter;
        badFooter.footer = "EST5EDT,M13.2.0,M11.1.0";
        expectRefused(build(badFooter), "bad POSIX TZ rule");

        std::string noFooterNewline = build(TzifParts{});
        noFooterNewline.pop_back();
        expectRefused(noFooterNewline, "unterminated footer");

        std::string footerlessV2 = build(TzifParts{});
        footerlessV2.resize(footerlessV2.size() - TzifParts{}.footer.size() - 2);
        expectRefused(footerlessV2, "missing footer");

        expectRefused(std::string(2 << 20, 'x'), "too large");
    }

    void everyTruncationIsRefused() {
        for (const std::string &bytes :
             {build(TzifParts{}), systemZoneBytes("America/New_York"),
              systemZoneBytes("Europe/London"), systemZoneBytes("America/Phoenix")}) {
            QVERIFY(TimeZone::fromTzif("Test/Zone", bytes));
            for (std::size_t length = 0; length < bytes.size(); ++length) {
                const auto loaded = TimeZone::fromTzif("Test/Zone", bytes.substr(0, length));
                QVERIFY2(!loaded, std::to_string(length).c_str());
                QVERIFY(!loaded.error.empty());
            }
        }
    }

    void randomGarbageIsRefused() {
        std::mt19937 random(20260308);
        std::uniform_int_distribution<int> byte(0, 255);
        for (int round = 0; round < 2000; ++round) {
            std::string bytes(static_cast<std::size_t>(round % 300), '\0');
            for (char &c : bytes)
                c = static_cast<char>(byte(random));
            const bool withMagic = round % 2 == 0 && bytes.size() >= 5;
            if (withMagic) {
                bytes.replace(0, 4, "TZif");
                bytes[4] = '2';
            }
            const auto loaded = TimeZone::fromTzif("Test/Zone", bytes);
            if (!withMagic)
                QVERIFY(!loaded);
            if (loaded)
                QVERIFY(answersSanely(*loaded.zone));
        }
    }

    void mutatedRealFilesNeverCrash() {
        // Flip bytes of real files; whatever parses must still answer sanely,
        // everything else must come back as an error.
        std::mt19937 random(1109);
        for (const char *name : {"America/New_York", "America/Denver", "Australia/Sydney"}) {
            const std::string original = systemZoneBytes(name);
            std::uniform_int_distribution<std::size_t> position(0, original.size() - 1);
            std::uniform_int_distribution<int> byte(0, 255);
            std::uniform_int_distribution<int> flips(1, 4);
            int parsed = 0;
            for (int round = 0; round < 3000; ++round) {
                std::string bytes = original;
                for (int i = flips(random); i > 0; --i)
                    bytes[position(random)] = static_cast<char>(byte(random));
                const auto loaded = TimeZone::fromTzif("Test/Zone", bytes);
                if (loaded) {
                    ++parsed;
                    QVERIFY(answersSanely(*loaded.zone));
                } else {
                    QVERIFY(!loaded.error.empty());
                }
            }
            // Many flips land in the unused 32-bit block or in names: some must parse.
            QVERIFY(parsed > 0);
        }
    }
};

QTEST_GUILESS_MAIN(TzifRobustnessTest)
#include "TzifRobustnessTest.moc"
