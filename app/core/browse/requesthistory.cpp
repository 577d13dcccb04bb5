#include "core/browse/requesthistory.h"

#include "core/io/filenames.h"
#include "core/io/outputfile.h"
#include "core/settings/paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>

using namespace Qt::StringLiterals;

namespace Workbench::Browse {

namespace {

struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Browse::RequestHistory)
};

constexpr auto Redacted = "<redacted>"_L1;

// A profile's name is 1 to 64 letters, digits, '.', '_' and '-', not starting with '.' or '-'
// (ConnectionProfile's rule): a file name as it is. Anything else is encoded, never a path.
QString fileNameOf(const QString &profile)
{
    const bool plain = !profile.isEmpty() && !profile.startsWith(u'.') && !profile.startsWith(u'-')
        && std::all_of(profile.cbegin(), profile.cend(), [](QChar c) {
               return (c.unicode() < 128 && c.isLetterOrNumber()) || c == u'.' || c == u'_' || c == u'-';
           });
    return (plain ? profile : u"_"_s + QString::fromLatin1(profile.toUtf8().toHex())) + u".json"_s;
}

QJsonObject toObject(const RequestRecord &record)
{
    QJsonObject object{
        {u"method"_s, QString::fromLatin1(record.method)},
        {u"path"_s, record.path},
        {u"status"_s, record.status},
        {u"time"_s, record.time},
        {u"durationMs"_s, record.durationMs},
    };
    if (!record.query.isEmpty())
        object.insert(u"query"_s, record.query.query(QUrl::FullyEncoded));
    if (!record.body.isEmpty())
        object.insert(u"body"_s, QString::fromUtf8(record.body));
    if (record.bodyOmitted)
        object.insert(u"bodyOmitted"_s, true);
    return object;
}

bool isWholeNumber(const QJsonValue &value)
{
    return value.isDouble() && value.toDouble() == double(value.toInteger());
}

std::optional<RequestRecord> fromObject(const QJsonValue &value, QString *why)
{
    const QJsonObject object = value.toObject();
    const QJsonValue method = object.value("method"_L1);
    const QJsonValue path = object.value("path"_L1);
    if (!value.isObject() || !method.isString() || method.toString().isEmpty() || !path.isString()) {
        *why = Messages::tr("an entry has no method or path");
        return std::nullopt;
    }
    for (const auto name : {"status"_L1, "time"_L1, "durationMs"_L1}) {
        if (object.contains(name) && !isWholeNumber(object.value(name))) {
            *why = Messages::tr("an entry's \"%1\" is no whole number").arg(name);
            return std::nullopt;
        }
    }
    for (const auto name : {"query"_L1, "body"_L1}) {
        if (object.contains(name) && !object.value(name).isString()) {
            *why = Messages::tr("an entry's \"%1\" is no text").arg(name);
            return std::nullopt;
        }
    }
    if (object.contains("bodyOmitted"_L1) && !object.value("bodyOmitted"_L1).isBool()) {
        *why = Messages::tr("an entry's \"bodyOmitted\" is not true or false");
        return std::nullopt;
    }
    RequestRecord record;
    record.method = method.toString().toLatin1();
    record.path = path.toString();
    record.query = QUrlQuery(object.value("query"_L1).toString());
    record.body = object.value("body"_L1).toString().toUtf8();
    record.bodyOmitted = object.value("bodyOmitted"_L1).toBool();
    record.status = int(object.value("status"_L1).toInteger());
    record.time = object.value("time"_L1).toInteger();
    record.durationMs = object.value("durationMs"_L1).toInteger();
    return record;
}

QString damaged(const QString &file, const QString &why)
{
    return Messages::tr("the request history %1 is damaged: %2; it is left as it is (move it away to start a new one)")
        .arg(Io::shownFileName(file), why);
}

// Held while the file is read and written again, so that the window and iwb never write over
// each other's entries.
class HistoryLock
{
public:
    explicit HistoryLock(const QString &file)
        : m_lock(file + ".lock"_L1)
    {
        m_lock.setStaleLockTime(30000);
    }
    bool acquire() { return m_lock.tryLock(10000); }

private:
    QLockFile m_lock;
};

} // namespace

bool isSecretName(QStringView name)
{
    static const QStringList words{u"token"_s,    u"apikey"_s, u"api_key"_s,       u"api-key"_s,   u"secret"_s,
                                   u"password"_s, u"passwd"_s, u"authorization"_s, u"credential"_s};
    return std::any_of(words.cbegin(), words.cend(),
                       [name](const QString &word) { return name.contains(word, Qt::CaseInsensitive); });
}

RequestRecord RequestRecord::kept() const
{
    RequestRecord copy = *this;
    copy.method = method.toUpper();
    // A query written into the path joins the query (first, as the client sends it), so that its
    // secrets are redacted too.
    QList<std::pair<QString, QString>> items;
    if (const qsizetype mark = path.indexOf(u'?'); mark >= 0) {
        items = QUrlQuery(path.mid(mark + 1)).queryItems(QUrl::FullyDecoded);
        copy.path.truncate(mark);
    }
    items.append(query.queryItems(QUrl::FullyDecoded));
    QUrlQuery redacted;
    for (const auto &[key, value] : std::as_const(items))
        redacted.addQueryItem(key, isSecretName(key) ? QString(Redacted) : value);
    copy.query = redacted;
    if (body.size() > MaxBodyBytes) {
        copy.body.clear();
        copy.bodyOmitted = true;
    }
    return copy;
}

RequestHistory::RequestHistory(const QString &profileName, const QString &directory)
    : m_profile(profileName)
    , m_file(QDir(directory).filePath(fileNameOf(profileName)))
{
}

QString RequestHistory::defaultDirectory()
{
    return Paths::dataDir() + u"/rest-history"_s;
}

std::optional<QList<RequestRecord>> RequestHistory::load(QString *error) const
{
    auto fail = [error](const QString &sentence) -> std::optional<QList<RequestRecord>> {
        if (error)
            *error = sentence;
        return std::nullopt;
    };
    QFile file(m_file);
    if (!file.exists())
        return QList<RequestRecord>();
    const QFileInfo info(m_file);
    if (!info.isFile())
        return fail(damaged(m_file, Messages::tr("it is no regular file")));
    if (info.size() > MaxFileBytes)
        return fail(damaged(m_file, Messages::tr("it is larger than %1 MiB").arg(MaxFileBytes / (1024 * 1024))));
    if (!file.open(QIODevice::ReadOnly))
        return fail(
            Messages::tr("cannot read the request history %1: %2").arg(Io::shownFileName(m_file), file.errorString()));
    const QByteArray bytes = file.read(MaxFileBytes + 1);
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(damaged(
            m_file, Messages::tr("no JSON (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset)));
    const QJsonValue requests = document.object().value("requests"_L1);
    if (!document.isObject() || !requests.isArray())
        return fail(damaged(m_file, Messages::tr("no object with a \"requests\" array")));
    QList<RequestRecord> records;
    for (const auto &value : requests.toArray()) {
        QString why;
        auto record = fromObject(value, &why);
        if (!record)
            return fail(damaged(m_file, why));
        records.append(std::move(*record));
    }
    return records;
}

QByteArray RequestHistory::toJson(const QList<RequestRecord> &records)
{
    QJsonArray requests;
    for (const RequestRecord &record : records)
        requests.append(toObject(record));
    return QJsonDocument(QJsonObject{{u"requests"_s, requests}}).toJson(QJsonDocument::Indented);
}

bool RequestHistory::append(const RequestRecord &record, QString *error)
{
    if (!QDir().mkpath(QFileInfo(m_file).absolutePath())) {
        if (error)
            *error = Messages::tr("cannot make the folder of the request history %1").arg(Io::shownFileName(m_file));
        return false;
    }
    HistoryLock lock(m_file);
    if (!lock.acquire()) {
        if (error)
            *error = Messages::tr("the request history %1 is locked by another program").arg(Io::shownFileName(m_file));
        return false;
    }
    auto records = load(error);
    if (!records)
        return false;
    records->append(record.kept());
    if (records->size() > MaxEntries)
        records->remove(0, records->size() - MaxEntries);
    return Io::OutputFile::writeWhole(m_file, toJson(*records), error);
}

bool RequestHistory::clear(QString *error)
{
    if (!QFile::exists(m_file))
        return true;
    HistoryLock lock(m_file);
    if (!lock.acquire()) {
        if (error)
            *error = Messages::tr("the request history %1 is locked by another program").arg(Io::shownFileName(m_file));
        return false;
    }
    if (!load(error))
        return false;
    return Io::OutputFile::writeWhole(m_file, toJson({}), error);
}

} // namespace Workbench::Browse
