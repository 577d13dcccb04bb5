#pragma once

#include "core/localagent/capture.h"

#include <QByteArrayList>

namespace Workbench::CaptureJson {

// One JSON line (no newline) per received event, per received span and per rejected request
// of a batch, as `iwb agent serve` prints them and the capture log stores them:
//   {"kind":"event","request":7,"receivedAt":"2026-11-23T10:00:00.123Z","source":"127.0.0.1:50000",
//    "index":0,"event":{...as sent...},"findings":[...]}
//   {"kind":"span",...,"traceId":"…","span":{...as sent...},"findings":[...]}
//   {"kind":"rejected","request":8,...,"endpoint":"/com.instana.plugin.generic.trace","status":413,
//    "rule":"too-many-spans","reason":"…"}
// In lenient mode, what would have refused a request comes as {"kind":"lenient",...} lines.
QByteArrayList lines(const CaptureBatch &batch);

} // namespace Workbench::CaptureJson
