#include "ui/StateTileMap.h"

#include "QueueBoardSamples.h"
#include "models/CoverageLook.h"
#include "models/CoverageTableModel.h"
#include "state/QueueStore.h"

#include <QSignalSpy>
#include <QTest>

using caredesk::console::coverageLook;
using caredesk::console::CoverageTableModel;
using caredesk::console::notOfferedLook;
using caredesk::console::QueueStore;
using caredesk::console::StateCoverage;
using caredesk::console::StateTileMap;
using caredesk::console::test::coverageSample;
using caredesk::console::test::coveredState;
using caredesk::protocol::QueueDelta;

namespace {

// Near enough: antialiasing and rounding may move a channel by a step or two.
bool near(const QColor &a, const QColor &b, int tolerance = 6) {
    return std::abs(a.red() - b.red()) <= tolerance &&
           std::abs(a.green() - b.green()) <= tolerance &&
           std::abs(a.blue() - b.blue()) <= tolerance;
}

QString describe(const QColor &colour) {
    return colour.name();
}

} // namespace

// The tile map: colours by coverage, counts, clicks and keys, sizes.
class StateTileMapTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void tilesAreColouredByCoverage();
    void deltasRepaintATile();
    void selectedStatesAreOutlined();
    void clickingAServedTileActivatesIt();
    void keyboardMovesAndActivates();
    void layoutFollowsTheSize_data();
    void layoutFollowsTheSize();
    void territoriesShowOnlyWhenServed();
    void tooltipsAndAccessibilitySayWhatTheColoursDo();

private:
    // The colour inside the tile, clear of its code and count.
    QColor tileColour(const QString &code) const;

    std::unique_ptr<QueueStore> m_store;
    std::unique_ptr<CoverageTableModel> m_model;
    std::unique_ptr<StateTileMap> m_map;
};

void StateTileMapTest::init() {
    m_store = std::make_unique<QueueStore>();
    m_model = std::make_unique<CoverageTableModel>(*m_store);
    m_map = std::make_unique<StateTileMap>();
    m_map->setModel(m_model.get());
    m_store->applySnapshot(coverageSample());
    m_map->resize(660, 520);
    m_map->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_map.get()));
}

void StateTileMapTest::cleanup() {
    m_map.reset();
    m_model.reset();
    m_store.reset();
}

QColor StateTileMapTest::tileColour(const QString &code) const {
    const QImage image = m_map->grab().toImage();
    const QRectF tile = m_map->tileRect(code);
    // Left of the centred text, half way down: plain fill.
    const QPointF inside(tile.left() + tile.width() * 0.1, tile.center().y());
    return image.pixelColor((inside * image.devicePixelRatio()).toPoint());
}

void StateTileMapTest::tilesAreColouredByCoverage() {
    const auto expect = [this](const char *code, const QColor &fill) {
        const QColor shown = tileColour(QString::fromLatin1(code));
        QVERIFY2(near(shown, fill),
                 qPrintable(QStringLiteral("%1: %2, not %3")
                                .arg(QLatin1String(code), describe(shown), describe(fill))));
    };
    expect("OR", coverageLook(StateCoverage::Uncovered).fill);      // waiting, nobody on shift
    expect("AZ", coverageLook(StateCoverage::NoProviderFree).fill); // waiting, all busy
    expect("CA", coverageLook(StateCoverage::Covered).fill);        // a provider free
    expect("NV", coverageLook(StateCoverage::Unstaffed).fill);
    expect("UT", coverageLook(StateCoverage::Closed).fill);
    expect("KS", notOfferedLook().fill); // not served
    expect("DC", notOfferedLook().fill);
    // A flagged tile and a covered one differ plainly, not by a shade.
    const QColor flagged = tileColour(QStringLiteral("OR"));
    const QColor covered = tileColour(QStringLiteral("CA"));
    QVERIFY(std::abs(flagged.red() - covered.red()) > 80);
}

void StateTileMapTest::deltasRepaintATile() {
    QueueDelta delta;
    delta.seq = 2;
    // Sam comes online and takes Oregon's patients.
    delta.states = {coveredState("OR", "Oregon", 2, 1, 1, 1, 0)};
    QVERIFY(m_store->applyDelta(delta));
    QVERIFY(near(tileColour(QStringLiteral("OR")), coverageLook(StateCoverage::Covered).fill));
}

void StateTileMapTest::selectedStatesAreOutlined() {
    const QRectF tile = m_map->tileRect(QStringLiteral("TX"));
    const QPoint edge = QPointF(tile.left(), tile.center().y()).toPoint();
    const QColor highlight = m_map->palette().color(QPalette::Highlight);
    QVERIFY(!near(m_map->grab().toImage().pixelColor(edge), highlight, 40));
    m_map->setSelectedStates({QStringLiteral("TX")});
    QCOMPARE(m_map->selectedStates(), QSet<QString>{QStringLiteral("TX")});
    QVERIFY(near(m_map->grab().toImage().pixelColor(edge), highlight, 40));
}

void StateTileMapTest::clickingAServedTileActivatesIt() {
    QSignalSpy activated(m_map.get(), &StateTileMap::stateActivated);
    QTest::mouseClick(m_map.get(), Qt::LeftButton, {},
                      m_map->tileRect(QStringLiteral("OR")).center().toPoint());
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("OR"));
    QCOMPARE(m_map->currentState(), QStringLiteral("OR"));
    // A state not served, the gaps and the legend do nothing.
    QTest::mouseClick(m_map.get(), Qt::LeftButton, {},
                      m_map->tileRect(QStringLiteral("KS")).center().toPoint());
    QTest::mouseClick(m_map.get(), Qt::LeftButton, {}, QPoint(2, 2));
    // Pressed on one tile and released on another is no click.
    QTest::mousePress(m_map.get(), Qt::LeftButton, {},
                      m_map->tileRect(QStringLiteral("CA")).center().toPoint());
    QTest::mouseRelease(m_map.get(), Qt::LeftButton, {},
                        m_map->tileRect(QStringLiteral("AZ")).center().toPoint());
    QCOMPARE(activated.size(), 1);
}

void StateTileMapTest::keyboardMovesAndActivates() {
    QSignalSpy activated(m_map.get(), &StateTileMap::stateActivated);
    m_map->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(m_map->hasFocus());
    // The first served state in reading order: Washington, top left.
    QCOMPARE(m_map->currentState(), QStringLiteral("WA"));
    QTest::keyClick(m_map.get(), Qt::Key_Down); // Oregon, below it
    QCOMPARE(m_map->currentState(), QStringLiteral("OR"));
    QTest::keyClick(m_map.get(), Qt::Key_Right); // Nevada (Idaho is not served)
    QCOMPARE(m_map->currentState(), QStringLiteral("NV"));
    QTest::keyClick(m_map.get(), Qt::Key_Down); // Utah
    QCOMPARE(m_map->currentState(), QStringLiteral("UT"));
    QTest::keyClick(m_map.get(), Qt::Key_Return);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("UT"));
    QVERIFY2(m_map->accessibleDescription().startsWith(QLatin1String("Utah (UT)")),
             qPrintable(m_map->accessibleDescription()));
    // Off the edge: it stays.
    QTest::keyClick(m_map.get(), Qt::Key_Left);
    QTest::keyClick(m_map.get(), Qt::Key_Left);
    QCOMPARE(m_map->currentState(), QStringLiteral("CA"));
}

void StateTileMapTest::layoutFollowsTheSize_data() {
    QTest::addColumn<QSize>("size");
    QTest::newRow("pane below the board") << QSize(420, 300);
    QTest::newRow("large window") << QSize(1200, 900);
    QTest::newRow("narrow side pane") << QSize(260, 520);
    QTest::newRow("wide strip") << QSize(900, 260);
}

void StateTileMapTest::layoutFollowsTheSize() {
    QFETCH(QSize, size);
    m_map->resize(size);
    QTRY_COMPARE(m_map->size(), size);
    const QRectF bounds(QPointF(0, 0), QSizeF(size));
    QList<QRectF> tiles;
    for (const char *code : {"AK", "ME", "WA", "FL", "HI", "TX", "DC", "RI", "PR", "VI", "GU"}) {
        const QRectF tile = m_map->tileRect(QString::fromLatin1(code));
        QVERIFY2(!tile.isEmpty(), code);
        QVERIFY2(bounds.contains(tile), code);
        // Squares, as large as the room allows.
        QVERIFY(qFuzzyCompare(tile.width(), tile.height()));
        for (const QRectF &other : std::as_const(tiles))
            QVERIFY2(!tile.intersects(other), code);
        tiles.append(tile);
    }
    // The grid fills one of the two directions (less the legend's lines).
    const QRectF wa = m_map->tileRect(QStringLiteral("WA"));
    const QRectF me = m_map->tileRect(QStringLiteral("ME"));
    const qreal gridWidth = me.right() - wa.left();
    const qreal gridHeight = m_map->tileRect(QStringLiteral("GU")).bottom() -
                             m_map->tileRect(QStringLiteral("AK")).top();
    QVERIFY2(gridWidth > size.width() * 0.9 || gridHeight > size.height() * 0.6,
             qPrintable(QStringLiteral("%1 x %2").arg(gridWidth).arg(gridHeight)));
    // And it still paints.
    QVERIFY(near(tileColour(QStringLiteral("OR")), coverageLook(StateCoverage::Uncovered).fill));
}

void StateTileMapTest::territoriesShowOnlyWhenServed() {
    QVERIFY(!m_map->tileRect(QStringLiteral("PR")).isEmpty());
    const qreal withTerritories = m_map->tileRect(QStringLiteral("TX")).width();
    QueueDelta delta;
    delta.seq = 2;
    delta.removedStates = {"PR"};
    QVERIFY(m_store->applyDelta(delta));
    QVERIFY(m_map->tileRect(QStringLiteral("PR")).isEmpty());
    QVERIFY(m_map->tileRect(QStringLiteral("GU")).isEmpty());
    // The row's room goes to the states.
    QVERIFY(m_map->tileRect(QStringLiteral("TX")).width() > withTerritories);
    // A code the grid does not know still gets a tile.
    delta.seq = 3;
    delta.removedStates.clear();
    delta.states = {coveredState("ZZ", "Test Territory", 1, 0, 0, 0, 0)};
    QVERIFY(m_store->applyDelta(delta));
    QVERIFY(!m_map->tileRect(QStringLiteral("ZZ")).isEmpty());
    QVERIFY(near(tileColour(QStringLiteral("ZZ")), coverageLook(StateCoverage::Uncovered).fill));
}

void StateTileMapTest::tooltipsAndAccessibilitySayWhatTheColoursDo() {
    const QString oregon = m_map->describe(QStringLiteral("OR"));
    QVERIFY2(oregon.startsWith(QLatin1String("Oregon (OR): waiting, nobody on shift")),
             qPrintable(oregon));
    QVERIFY2(oregon.contains(QLatin1String("2 waiting")), qPrintable(oregon));
    QCOMPARE(m_map->describe(QStringLiteral("KS")), QStringLiteral("Kansas (KS): not offered"));
    QCOMPARE(m_map->accessibleName(), QStringLiteral("Coverage map"));
    // Without the focus on a tile it sums the map up.
    m_map->clearFocus();
    QTRY_VERIFY(!m_map->hasFocus());
    const QString summary = m_map->accessibleDescription();
    QVERIFY2(summary.startsWith(QLatin1String("Needs attention: ")), qPrintable(summary));
    QVERIFY2(summary.contains(QLatin1String("New Jersey (NJ): waiting, nobody on shift")),
             qPrintable(summary));
    QVERIFY(m_map->sizeHint().width() > m_map->minimumSizeHint().width());
}

QTEST_MAIN(StateTileMapTest)
#include "StateTileMapTest.moc"
