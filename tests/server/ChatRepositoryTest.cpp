// Chat threads on a real PostgreSQL: one copy per client message id, a
// gap-free order under concurrent writers, paging, read positions, read-only
// threads once the visit is over, and claiming a thread.

#include "storage/ChatRepository.h"

#include "VisitTestData.h"

#include <QtTest>
#include <array>
#include <functional>
#include <latch>
#include <set>
#include <thread>

using namespace caredesk::test;
using caredesk::server::ChatAppend;
using caredesk::server::ChatMessage;
using caredesk::server::ChatMessageKind;
using caredesk::server::ChatParticipant;
using caredesk::server::ChatRepository;
using caredesk::server::RequestError;

namespace {

const ChatParticipant kPatient = ChatParticipant::patient();

std::unique_ptr<pqxx::connection> openConnection(const std::string &connectionString) {
    auto connection = std::make_unique<pqxx::connection>(connectionString);
    pqxx::nontransaction tx(*connection);
    tx.exec("SET lock_timeout = '10s'"); // a test that would hang fails instead
    return connection;
}

std::vector<std::int64_t> seqsOf(const std::vector<ChatMessage> &messages) {
    std::vector<std::int64_t> seqs;
    for (const auto &message : messages)
        seqs.push_back(message.seq);
    return seqs;
}

std::vector<std::int64_t> range(std::int64_t first, std::int64_t last) {
    std::vector<std::int64_t> out;
    for (auto seq = first; seq <= last; ++seq)
        out.push_back(seq);
    return out;
}

void closeVisit(pqxx::transaction_base &tx, std::int64_t visitId) {
    tx.exec_params0("UPDATE visits SET status = 'cancelled', ended_at = now() WHERE id = $1",
                    visitId);
}

} // namespace

class ChatRepositoryTest : public QObject {
    Q_OBJECT

private:
    struct Setup {
        std::int64_t visitId = 0;
        std::int64_t staffA = 0;
        std::int64_t staffB = 0;
    };
    Setup prepare(SchedulingDatabase &db) {
        return db.write([](pqxx::work &tx) {
            enableStates(tx, {"NY"});
            Setup setup;
            setup.visitId = addVisit(tx, "NY", 1).id;
            setup.staffA = addCaregiver(tx, "staff.a", {caredesk::domain::Role::Support}, false);
            setup.staffB = addCaregiver(tx, "staff.b", {caredesk::domain::Role::Support}, false);
            return setup;
        });
    }

private slots:
    void initTestCase() {
        try {
            TestCluster::instance();
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
    }

    void appendAssignsSeqsAndIsIdempotent() {
        SchedulingDatabase db;
        const auto s = prepare(db);
        const auto staff = ChatParticipant::caregiver(s.staffA);

        const auto first = db.write([&](pqxx::work &tx) {
            return ChatRepository::append(tx, s.visitId, kPatient, "m-1", ChatMessageKind::Text,
                                          "hello");
        });
        QVERIFY(first.inserted);
        QCOMPARE(first.message.seq, 1);
        QCOMPARE(first.message.body, std::string("hello"));
        QVERIFY(first.message.sender == kPatient);

        // The same id again, even with another body: the stored message comes back.
        const auto again = db.write([&](pqxx::work &tx) {
            return ChatRepository::append(tx, s.visitId, kPatient, "m-1", ChatMessageKind::Text,
                                          "hello (resent)");
        });
        QVERIFY(!again.inserted);
        QCOMPARE(again.message.seq, 1);
        QCOMPARE(again.message.body, std::string("hello"));
        QCOMPARE(again.message.createdAt, first.message.createdAt);

        // Ids are per sender: a caregiver may use the same one.
        const auto reply = db.write([&](pqxx::work &tx) {
            return ChatRepository::append(tx, s.visitId, staff, "m-1", ChatMessageKind::Text,
                                          "hi, how can I help?");
        });
        QVERIFY(reply.inserted);
        QCOMPARE(reply.message.seq, 2);
        QVERIFY(reply.message.sender == staff);

        db.write([&](pqxx::work &tx) {
            QCOMPARE(countRows(tx, "SELECT count(*) FROM chat_messages"), 2);
            const auto thread = ChatRepository::find(tx, s.visitId);
            QVERIFY(thread.has_value());
            QCOMPARE(thread->lastSeq, 2);
            QVERIFY(!thread->ownerId.has_value());
        });
    }

    void refusesWhatSendersMayNotWrite() {
        SchedulingDatabase db;
        const auto s = prepare(db);
        const auto refusal = [&](const ChatParticipant &sender, ChatMessageKind kind,
                                 const std::string &clientId, const std::string &body) {
            return codeOf(db.refusal([&](pqxx::work &tx) {
                ChatRepository::append(tx, s.visitId, sender, clientId, kind, body);
            }));
        };
        const auto staff = ChatParticipant::caregiver(s.staffA);
        QCOMPARE(refusal(kPatient, ChatMessageKind::Note, "n1", "note"), QString("forbidden"));
        QCOMPARE(refusal(kPatient, ChatMessageKind::System, "s1", "sys"), QString("forbidden"));
        QCOMPARE(refusal(staff, ChatMessageKind::System, "s2", "sys"), QString("forbidden"));
        QCOMPARE(refusal(ChatParticipant::system(), ChatMessageKind::Text, "s3", "x"),
                 QString("forbidden"));
        QCOMPARE(refusal(kPatient, ChatMessageKind::Text, "e1", ""), QString("out_of_range"));
        QCOMPARE(refusal(kPatient, ChatMessageKind::Text, "e2", std::string(4001, 'x')),
                 QString("out_of_range"));
        QCOMPARE(refusal(kPatient, ChatMessageKind::Text, "e3", std::string("a\0b", 3)),
                 QString("out_of_range"));
        QCOMPARE(refusal(kPatient, ChatMessageKind::Text, "", "x"), QString("out_of_range"));
        QCOMPARE(refusal(kPatient, ChatMessageKind::Text, "bad id", "x"), QString("out_of_range"));
        QCOMPARE(refusal(kPatient, ChatMessageKind::Text, std::string(65, 'a'), "x"),
                 QString("out_of_range"));
        QCOMPARE(db.refusal([&](pqxx::work &tx) {
                       ChatRepository::append(tx, s.visitId + 1000, kPatient, "x",
                                              ChatMessageKind::Text, "hello");
                   })->code,
                 caredesk::protocol::ErrorCode::NotFound);

        // Limits count characters: 4000 two-byte characters fit.
        std::string longest;
        for (int i = 0; i < 4000; ++i)
            longest += "\xc3\xa9";
        QCOMPARE(refusal(kPatient, ChatMessageKind::Text, "ok1", longest), QString("none"));
        QCOMPARE(refusal(staff, ChatMessageKind::Note, "ok2", "internal"), QString("none"));
        QCOMPARE(refusal(ChatParticipant::system(), ChatMessageKind::System, "ok3", "joined"),
                 QString("none"));
        db.write([&](pqxx::work &tx) {
            QCOMPARE(countRows(tx, "SELECT count(*) FROM chat_messages"), 3);
        });
    }

    void databaseEnforcesLimitsAndAppendOnly() {
        SchedulingDatabase db;
        const auto s = prepare(db);
        db.write([&](pqxx::work &tx) { ChatRepository::open(tx, s.visitId); });
        const auto insert = [&](const std::string &columns, const std::string &values) {
            try {
                pqxx::work tx(db.connection());
                tx.exec("INSERT INTO chat_messages (visit_id, seq, " + columns + ") VALUES (" +
                        std::to_string(s.visitId) + ", 1, " + values + ")");
                tx.commit();
                return true;
            } catch (const pqxx::sql_error &) {
                return false;
            }
        };
        const std::string cols = "client_message_id, sender_kind, sender_id, kind, body";
        QVERIFY(!insert(cols, "'a', 'patient', NULL, 'text', repeat('x', 4001)"));
        QVERIFY(!insert(cols, "'a', 'patient', NULL, 'text', ''"));
        QVERIFY(!insert(cols, "'a b', 'patient', NULL, 'text', 'x'"));
        QVERIFY(!insert(cols, "'a', 'patient', NULL, 'note', 'x'"));
        QVERIFY(!insert(cols, "'a', 'caregiver', NULL, 'text', 'x'"));
        QVERIFY(!insert(cols, "'a', 'patient', NULL, 'system', 'x'"));
        QVERIFY(insert(cols, "'a', 'patient', NULL, 'text', repeat('x', 4000)"));

        const auto fails = [&](const std::string &sql) {
            try {
                pqxx::work tx(db.connection());
                tx.exec(sql);
                tx.commit();
                return false;
            } catch (const pqxx::sql_error &) {
                return true;
            }
        };
        QVERIFY(fails("UPDATE chat_messages SET body = 'changed'"));
        QVERIFY(fails("DELETE FROM chat_messages"));
        QVERIFY(fails("TRUNCATE chat_messages CASCADE"));
        db.write([&](pqxx::work &tx) {
            QCOMPARE(countRows(tx, "SELECT count(*) FROM chat_messages WHERE body LIKE 'x%'"), 1);
        });
    }

    void concurrentAppendsGetGapFreeSeqs() {
        constexpr int kThreads = 8;
        constexpr int kPerThread = 200;
        SchedulingDatabase db;
        const auto s = prepare(db);
        // Threads come in pairs that also resend each other's ids, as clients
        // retrying after a lost acknowledgement; pairs use different senders.
        const auto senderOf = [&](int t) {
            const int pair = t / 2;
            return pair == 0   ? kPatient
                   : pair == 1 ? ChatParticipant::caregiver(s.staffA)
                               : ChatParticipant::caregiver(s.staffB);
        };
        const auto clientId = [](int t, int i) {
            return "t" + std::to_string(t) + "-" + std::to_string(i);
        };

        std::vector<std::vector<ChatAppend>> results(kThreads);
        std::vector<std::string> failures(kThreads);
        std::latch start(kThreads);
        {
            std::vector<std::jthread> threads;
            for (int t = 0; t < kThreads; ++t) {
                threads.emplace_back([&, t] {
                    try {
                        const auto connection = openConnection(db.connectionString());
                        const auto sender = senderOf(t);
                        start.arrive_and_wait();
                        for (int i = 0; i < kPerThread; ++i) {
                            for (const int from : {t, t ^ 1}) {
                                pqxx::work tx(*connection);
                                auto result =
                                    ChatRepository::append(tx, s.visitId, sender, clientId(from, i),
                                                           ChatMessageKind::Text, "message");
                                tx.commit();
                                if (from == t)
                                    results[t].push_back(std::move(result));
                            }
                        }
                    } catch (const std::exception &e) {
                        failures[t] = e.what();
                    }
                });
            }
        }
        for (const auto &failure : failures)
            QVERIFY2(failure.empty(), failure.c_str());

        // Each client's own messages are acknowledged in the order it sent them.
        std::set<std::int64_t> acknowledged;
        for (int t = 0; t < kThreads; ++t) {
            QCOMPARE(static_cast<int>(results[t].size()), kPerThread);
            for (int i = 1; i < kPerThread; ++i)
                QVERIFY(results[t][i].message.seq > results[t][i - 1].message.seq);
            for (const auto &result : results[t])
                acknowledged.insert(result.message.seq);
        }
        QCOMPARE(static_cast<int>(acknowledged.size()), kThreads * kPerThread);

        db.write([&](pqxx::work &tx) {
            const auto rows =
                tx.exec_params("SELECT seq, sender_kind, coalesce(sender_id, 0), client_message_id "
                               "FROM chat_messages WHERE visit_id = $1 ORDER BY seq",
                               s.visitId);
            QCOMPARE(static_cast<int>(rows.size()), kThreads * kPerThread);
            std::set<std::string> keys;
            for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
                QCOMPARE(rows[i][0].as<std::int64_t>(), std::int64_t{i + 1});
                keys.insert(rows[i][1].as<std::string>() + "/" + rows[i][2].as<std::string>() +
                            "/" + rows[i][3].as<std::string>());
            }
            QCOMPARE(static_cast<int>(keys.size()), kThreads * kPerThread);
            QCOMPARE(ChatRepository::find(tx, s.visitId)->lastSeq,
                     std::int64_t{kThreads * kPerThread});
        });
        // The stored seq is the one each client was given, whoever stored it.
        db.write([&](pqxx::work &tx) {
            for (int t = 0; t < kThreads; ++t) {
                const auto &last = results[t].back().message;
                const auto again =
                    ChatRepository::append(tx, s.visitId, senderOf(t), last.clientMessageId,
                                           ChatMessageKind::Text, "message");
                QVERIFY(!again.inserted);
                QCOMPARE(again.message.seq, last.seq);
            }
        });
    }

    void pagesBackAndForward() {
        SchedulingDatabase db;
        const auto s = prepare(db);
        const auto staff = ChatParticipant::caregiver(s.staffA);
        db.write([&](pqxx::work &tx) {
            QCOMPARE(ChatRepository::page(tx, s.visitId, staff, 0, 10).messages.size(),
                     std::size_t{0});
            for (int i = 1; i <= 25; ++i) {
                // Every fifth message is an internal note (seq 5, 10, 15, 20, 25).
                const bool note = i % 5 == 0;
                ChatRepository::append(tx, s.visitId, note || i % 2 == 0 ? staff : kPatient,
                                       "c" + std::to_string(i),
                                       note ? ChatMessageKind::Note : ChatMessageKind::Text,
                                       "line " + std::to_string(i));
            }
        });
        db.write([&](pqxx::work &tx) {
            auto newest = ChatRepository::page(tx, s.visitId, staff, 0, 10);
            QCOMPARE(seqsOf(newest.messages), range(16, 25));
            QVERIFY(newest.more);
            QCOMPARE(newest.lastSeq, 25);
            auto older = ChatRepository::page(tx, s.visitId, staff, 16, 10);
            QCOMPARE(seqsOf(older.messages), range(6, 15));
            QVERIFY(older.more);
            auto oldest = ChatRepository::page(tx, s.visitId, staff, 6, 10);
            QCOMPARE(seqsOf(oldest.messages), range(1, 5));
            QVERIFY(!oldest.more);
            QCOMPARE(oldest.messages.front().body, std::string("line 1"));

            auto missed = ChatRepository::since(tx, s.visitId, staff, 18, 5);
            QCOMPARE(seqsOf(missed.messages), range(19, 23));
            QVERIFY(missed.more);
            auto rest = ChatRepository::since(tx, s.visitId, staff, 23, 5);
            QCOMPARE(seqsOf(rest.messages), range(24, 25));
            QVERIFY(!rest.more);
            QVERIFY(ChatRepository::since(tx, s.visitId, staff, 25, 5).messages.empty());

            // The patient never sees notes; lastSeq tells them the gaps are not losses.
            auto patientView = ChatRepository::since(tx, s.visitId, kPatient, 0, 200);
            QCOMPARE(static_cast<int>(patientView.messages.size()), 20);
            for (const auto &message : patientView.messages)
                QVERIFY(message.kind != ChatMessageKind::Note);
            QCOMPARE(patientView.lastSeq, 25);
            auto patientBack = ChatRepository::page(tx, s.visitId, kPatient, 0, 4);
            QCOMPARE(seqsOf(patientBack.messages), (std::vector<std::int64_t>{21, 22, 23, 24}));
            QVERIFY(patientBack.more);
        });
    }

    void readPositionsOnlyMoveForward() {
        SchedulingDatabase db;
        const auto s = prepare(db);
        const auto staff = ChatParticipant::caregiver(s.staffA);
        const auto other = ChatParticipant::caregiver(s.staffB);
        db.write([&](pqxx::work &tx) {
            for (int i = 1; i <= 6; ++i)
                ChatRepository::append(tx, s.visitId, i <= 4 ? kPatient : staff,
                                       "r" + std::to_string(i), ChatMessageKind::Text, "text");
            ChatRepository::append(tx, s.visitId, staff, "r7", ChatMessageKind::Note, "note");
            ChatRepository::changeOwner(tx, s.visitId, std::nullopt, s.staffA);
        });
        db.write([&](pqxx::work &tx) {
            QCOMPARE(ChatRepository::readPosition(tx, s.visitId, staff), 0);
            // Staff A wrote 5..7, so only the patient's four count as unread.
            QCOMPARE(ChatRepository::unread(tx, s.visitId, staff).unread, 4);
            QCOMPARE(ChatRepository::unread(tx, s.visitId, other).unread, 7);
            // The patient does not count their own messages nor the note.
            QCOMPARE(ChatRepository::unread(tx, s.visitId, kPatient).unread, 2);

            QCOMPARE(ChatRepository::markRead(tx, s.visitId, staff, 3), 3);
            QCOMPARE(ChatRepository::markRead(tx, s.visitId, staff, 2), 3);
            QCOMPARE(ChatRepository::readPosition(tx, s.visitId, staff), 3);
            QCOMPARE(ChatRepository::unread(tx, s.visitId, staff).unread, 1);
            // Capped at the newest message.
            QCOMPARE(ChatRepository::markRead(tx, s.visitId, staff, 99), 7);
            QCOMPARE(ChatRepository::markRead(tx, s.visitId, kPatient, 5), 5);
            QCOMPARE(ChatRepository::readPosition(tx, s.visitId, other), 0);
            QCOMPARE(ChatRepository::unread(tx, s.visitId, kPatient).unread, 1);

            const auto mine = ChatRepository::unreadForOwner(tx, s.staffA);
            QCOMPARE(static_cast<int>(mine.size()), 1);
            QCOMPARE(mine[0].visitId, s.visitId);
            QCOMPARE(mine[0].readSeq, 7);
            QCOMPARE(mine[0].unread, 0);
            QVERIFY(ChatRepository::unreadForOwner(tx, s.staffB).empty());
        });
        db.write([&](pqxx::work &tx) {
            ChatRepository::append(tx, s.visitId, kPatient, "r8", ChatMessageKind::Text, "more");
            QCOMPARE(ChatRepository::unreadForOwner(tx, s.staffA).at(0).unread, 1);
            closeVisit(tx, s.visitId);
            // A visit that is over drops out of the owner's list.
            QVERIFY(ChatRepository::unreadForOwner(tx, s.staffA).empty());
        });
    }

    void closedVisitIsReadOnly() {
        SchedulingDatabase db;
        const auto s = prepare(db);
        const auto staff = ChatParticipant::caregiver(s.staffA);
        db.write([&](pqxx::work &tx) {
            ChatRepository::append(tx, s.visitId, kPatient, "before", ChatMessageKind::Text, "hi");
            closeVisit(tx, s.visitId);
        });
        const auto refusal = [&](const std::function<void(pqxx::work &)> &body) {
            return codeOf(db.refusal(body));
        };
        QCOMPARE(refusal([&](pqxx::work &tx) {
                     ChatRepository::append(tx, s.visitId, kPatient, "after", ChatMessageKind::Text,
                                            "still there?");
                 }),
                 QString("invalid_transition"));
        QCOMPARE(refusal([&](pqxx::work &tx) {
                     ChatRepository::append(tx, s.visitId, staff, "note", ChatMessageKind::Note,
                                            "late note");
                 }),
                 QString("invalid_transition"));
        QCOMPARE(refusal([&](pqxx::work &tx) {
                     ChatRepository::changeOwner(tx, s.visitId, std::nullopt, s.staffA);
                 }),
                 QString("invalid_transition"));
        // A retry of a message stored before the close is still acknowledged,
        // and the server records the close itself.
        QCOMPARE(refusal([&](pqxx::work &tx) {
                     const auto again = ChatRepository::append(tx, s.visitId, kPatient, "before",
                                                               ChatMessageKind::Text, "hi");
                     QVERIFY(!again.inserted);
                     ChatRepository::append(tx, s.visitId, ChatParticipant::system(), "closed",
                                            ChatMessageKind::System, "visit cancelled");
                 }),
                 QString("none"));
        db.write([&](pqxx::work &tx) {
            const auto history = ChatRepository::page(tx, s.visitId, staff, 0, 50);
            QCOMPARE(seqsOf(history.messages), range(1, 2));
            QCOMPARE(history.messages[1].kind, ChatMessageKind::System);
            // Reading stays possible.
            QCOMPARE(ChatRepository::markRead(tx, s.visitId, staff, 2), 2);
        });
    }

    void ownerIsComparedAndSet() {
        SchedulingDatabase db;
        const auto s = prepare(db);
        const auto claimBy = [&](std::optional<std::int64_t> expected,
                                 std::optional<std::int64_t> next) {
            return codeOf(db.refusal([&](pqxx::work &tx) {
                const auto thread = ChatRepository::changeOwner(tx, s.visitId, expected, next);
                QCOMPARE(thread.ownerId, next);
            }));
        };
        QCOMPARE(claimBy(std::nullopt, s.staffA), QString("none"));
        QCOMPARE(claimBy(std::nullopt, s.staffB), QString("conflict"));
        QCOMPARE(claimBy(s.staffB, s.staffA), QString("conflict"));
        QCOMPARE(claimBy(s.staffA, s.staffB), QString("none"));     // transfer
        QCOMPARE(claimBy(s.staffB, std::nullopt), QString("none")); // release
        db.write([&](pqxx::work &tx) {
            QVERIFY(!ChatRepository::find(tx, s.visitId)->ownerId.has_value());
        });

        // Two staff claim at once, many times over: exactly one wins each time.
        for (int round = 0; round < 20; ++round) {
            const auto visitId =
                db.write([&](pqxx::work &tx) { return addVisit(tx, "NY", round).id; });
            std::array<QString, 2> outcomes;
            std::array<std::string, 2> failures;
            std::latch start(2);
            {
                std::vector<std::jthread> threads;
                for (int t = 0; t < 2; ++t) {
                    threads.emplace_back([&, t] {
                        try {
                            const auto connection = openConnection(db.connectionString());
                            pqxx::work tx(*connection);
                            start.arrive_and_wait();
                            try {
                                ChatRepository::changeOwner(tx, visitId, std::nullopt,
                                                            t == 0 ? s.staffA : s.staffB);
                                tx.commit();
                                outcomes[t] = "won";
                            } catch (const RequestError &e) {
                                outcomes[t] = codeOf(e.error);
                            }
                        } catch (const std::exception &e) {
                            failures[t] = e.what();
                        }
                    });
                }
            }
            for (const auto &failure : failures)
                QVERIFY2(failure.empty(), failure.c_str());
            QVERIFY2((outcomes[0] == "won") != (outcomes[1] == "won"),
                     qPrintable(outcomes[0] + " / " + outcomes[1]));
            QVERIFY(outcomes[0] == "conflict" || outcomes[1] == "conflict");
            db.write([&](pqxx::work &tx) {
                const auto thread = ChatRepository::find(tx, visitId);
                QVERIFY(thread.has_value());
                QCOMPARE(*thread->ownerId, outcomes[0] == "won" ? s.staffA : s.staffB);
            });
        }
    }
};

QTEST_GUILESS_MAIN(ChatRepositoryTest)
#include "ChatRepositoryTest.moc"
