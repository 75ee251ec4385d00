#include "domain/Role.h"

#include <QObject>
#include <QTest>
#include <string>
#include <vector>

using caredesk::domain::Role;
using caredesk::domain::RoleSet;

class RoleTest : public QObject {
    Q_OBJECT

private slots:
    void namesAreInverse() {
        for (const Role role : {Role::Support, Role::Provider, Role::Admin}) {
            const auto back = caredesk::domain::roleFromName(caredesk::domain::roleName(role));
            QVERIFY(back.has_value());
            QVERIFY(*back == role);
        }
        QCOMPARE(caredesk::domain::roleName(Role::Support), std::string_view("support"));
        QCOMPARE(caredesk::domain::roleName(Role::Provider), std::string_view("provider"));
        QCOMPARE(caredesk::domain::roleName(Role::Admin), std::string_view("admin"));
        QVERIFY(!caredesk::domain::roleFromName("Admin").has_value());
        QVERIFY(!caredesk::domain::roleFromName("").has_value());
        QVERIFY(!caredesk::domain::roleFromName("nurse").has_value());
    }

    void membership() {
        constexpr RoleSet none;
        static_assert(none.empty());
        QVERIFY(!none.has(Role::Support));

        RoleSet set{Role::Provider};
        QVERIFY(!set.empty());
        QVERIFY(set.has(Role::Provider));
        QVERIFY(!set.has(Role::Admin));
        QVERIFY(!set.has(Role::Support));
        set.add(Role::Admin);
        set.add(Role::Admin);
        QVERIFY(set.has(Role::Admin));
        QVERIFY(set == (RoleSet{Role::Admin, Role::Provider}));
        QVERIFY(!(set == RoleSet{Role::Admin}));
    }

    void intersects() {
        const RoleSet staff{Role::Support, Role::Provider};
        QVERIFY(staff.intersects(RoleSet{Role::Provider, Role::Admin}));
        QVERIFY(!staff.intersects(RoleSet{Role::Admin}));
        QVERIFY(!staff.intersects(RoleSet{}));
        QVERIFY(!RoleSet{}.intersects(RoleSet{}));
    }

    void namesInFixedOrder() {
        const RoleSet set{Role::Admin, Role::Support};
        QCOMPARE(set.names(), (std::vector<std::string>{"support", "admin"}));
        const RoleSet all{Role::Admin, Role::Provider, Role::Support};
        QCOMPARE(all.names(), (std::vector<std::string>{"support", "provider", "admin"}));
        QVERIFY(RoleSet{}.names().empty());
    }

    void fromNames() {
        const auto set = RoleSet::fromNames({"admin", "provider", "admin"});
        QVERIFY(set.has_value());
        QVERIFY(*set == (RoleSet{Role::Provider, Role::Admin}));

        const auto empty = RoleSet::fromNames({});
        QVERIFY(empty.has_value());
        QVERIFY(empty->empty());

        QVERIFY(!RoleSet::fromNames({"support", "nurse"}).has_value());
        QVERIFY(!RoleSet::fromNames({"SUPPORT"}).has_value());

        for (const auto &roles : {RoleSet{Role::Support}, RoleSet{Role::Provider, Role::Admin},
                                  RoleSet{Role::Support, Role::Provider, Role::Admin}}) {
            const auto back = RoleSet::fromNames(roles.names());
            QVERIFY(back.has_value());
            QVERIFY(*back == roles);
        }
    }
};

QTEST_GUILESS_MAIN(RoleTest)
#include "RoleTest.moc"
