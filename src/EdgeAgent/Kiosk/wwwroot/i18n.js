// Every string the kiosk shows, in Bahasa Indonesia (the default) and English. Markup names a string with
// data-i18n="key" (text), data-i18n-aria-label or data-i18n-placeholder; code calls t(key, values).
// A value may be a function of the placeholders, for English plurals.

const STORAGE_KEY = 'pontive.kiosk.language';

const strings = {
  id: {
    'app.title': 'Kios Bank Sampah',
    'app.skip': 'Langsung ke isi',
    'lang.group': 'Bahasa',
    'nav.label': 'Menu',
    'nav.weigh': 'Timbang',
    'nav.today': 'Hari ini',
    'nav.signout': 'Keluar',
    'header.operator': 'Operator: {name}',
    'conn.online': 'Terhubung',
    'conn.offline': 'Tidak terhubung',
    'conn.waiting': '{n} menunggu',

    'signin.title': 'Masuk',
    'signin.pick': 'Pilih nama Anda',
    'signin.pin': 'Masukkan PIN untuk {name}',
    'signin.pinLabel': 'PIN',
    'signin.submit': 'Masuk',
    'signin.change': 'Ganti nama',
    'signin.none': 'Belum ada operator. Minta teknisi menambahkan operator (pontive-agent operators add).',
    'signin.ended': 'Sesi berakhir. Silakan masuk lagi.',
    'signin.idle': 'Sesi berakhir karena tidak ada aktivitas. Masukkan PIN lagi.',

    'idle.title': 'Masih di sini?',
    'idle.warning': 'Tidak ada aktivitas. Anda akan keluar otomatis dalam {s} detik.',
    'idle.stay': 'Tetap masuk',

    'keypad.back': 'Hapus satu',
    'keypad.clear': 'Hapus',
    'keypad.letters': 'ABC',
    'keypad.digits': '123',
    'keypad.pin': 'Tombol angka PIN',
    'keypad.member': 'Tombol nomor anggota',

    'weigh.title': 'Timbang',
    'weigh.weight': 'Berat',
    'weigh.stable': 'STABIL',
    'weigh.unstable': 'BELUM STABIL',
    'weigh.noReading': 'TIDAK TERBACA',
    'weigh.announceStable': 'Berat stabil: {kg}',
    'weigh.tare': 'Nol/Tara',
    'weigh.tared': 'Timbangan sudah di-nol-kan.',
    'weigh.category': 'Kategori',
    'weigh.noCategories': 'Belum ada daftar harga.',
    'weigh.member': 'Nomor anggota',
    'weigh.record': 'Catat',
    'weigh.perKg': '{price}/kg',

    'why.noPrices': 'Belum bisa mencatat: belum ada daftar harga dari kota.',
    'why.scale': 'Belum bisa mencatat: timbangan tidak terbaca.',
    'why.empty': 'Letakkan sampah di timbangan.',
    'why.unstable': 'Tunggu sampai berat STABIL.',
    'why.liftFirst': 'Angkat sampah yang sudah dicatat dari timbangan (atau tekan Nol/Tara).',
    'why.category': 'Pilih kategori.',
    'why.member': 'Masukkan nomor anggota.',
    'why.memberInvalid': 'Nomor anggota: huruf, angka, "-", "_", "/" atau ".", paling banyak 32.',
    'why.busy': 'Sedang mencatat…',
    'why.ready': 'Siap: {kg} × {price} = {value}',

    'receipt.title': 'Struk setoran',
    'receipt.member': 'Anggota',
    'receipt.category': 'Kategori',
    'receipt.mass': 'Berat',
    'receipt.price': 'Harga',
    'receipt.value': 'Nilai',
    'receipt.operator': 'Operator',
    'receipt.time': 'Waktu',
    'receipt.priceTable': 'Daftar harga',
    'receipt.state': 'Status',
    'receipt.thanks': 'Terima kasih sudah memilah sampah!',
    'receipt.print': 'Cetak',
    'receipt.next': 'Setoran berikutnya',
    'receipt.sameMember': 'Anggota sama, kategori lain',
    'receipt.back': 'Kembali ke Hari ini',
    'receipt.voided': 'DIBATALKAN',
    'receipt.voidedReason': 'Setoran ini sudah dibatalkan dan tidak berlaku. Alasan: {reason}',

    'state.waiting': 'Menunggu',
    'state.sent': 'Terkirim',
    'state.stored': 'Tersimpan',
    'state.refused': 'Ditolak',
    'state.voided': 'Dibatalkan',

    'today.title': 'Hari ini',
    'today.deposits': 'Setoran',
    'today.empty': 'Belum ada setoran hari ini.',
    'today.totals': 'Jumlah per kategori',
    'today.total': 'Jumlah',
    'today.col.category': 'Kategori',
    'today.col.mass': 'Berat',
    'today.col.value': 'Nilai',
    'today.col.count': 'Setoran',
    'today.void': 'Batalkan',
    'today.receipt': 'Struk',
    'today.reason': 'Alasan: {reason}',

    'void.title': 'Batalkan setoran {code}?',
    'void.explain': 'Setoran tidak dihapus: pembatalan dicatat dengan alasannya dan dikirim ke kota.',
    'void.reason': 'Alasan pembatalan',
    'void.quick.category': 'Salah kategori',
    'void.quick.weight': 'Salah berat',
    'void.quick.member': 'Salah nomor anggota',
    'void.quick.twice': 'Tercatat dua kali',
    'void.confirm': 'Batalkan setoran',
    'void.cancel': 'Kembali',
    'void.done': 'Setoran {code} dibatalkan.',

    'banner.offline': 'Tidak terhubung — {n} setoran menunggu dikirim',
    'banner.offlineNone': 'Tidak terhubung — setoran tetap dicatat di alat ini',
    'banner.unreachable': 'Kios tidak bisa menghubungi alat. Periksa kabel atau Wi-Fi alat.',
    'banner.noPrices': 'Belum ada daftar harga dari kota — setoran belum bisa dicatat.',
    'banner.stale': 'Daftar harga {version} (berlaku sejak {date}) mungkin sudah usang. Hubungi pengelola bank sampah.',
    'banner.outboxFull': 'Penyimpanan alat hampir penuh — sambungkan alat ke jaringan atau hubungi teknisi.',
    'banner.scale': 'Timbangan bermasalah: alat tidak bisa membaca timbangan. Angkat semua beban, periksa kabel dan listriknya, lalu tunggu sebentar. Bila tetap begini, hubungi teknisi.',
    'banner.scaleDetail': 'Untuk teknisi: {error}',
    'banner.nextPrices': 'Harga baru (versi {version}) berlaku mulai {when}.',
    'banner.firstPrices': 'Daftar harga {version} berlaku mulai {when}. Sebelum itu setoran belum bisa dicatat.',
    'prices.dayAt': '{date} pukul {time} WIB',

    'error.network': 'Alat tidak menjawab. Coba lagi.',
    'error.status': 'Terjadi kesalahan (kode {status}). Coba lagi.',
  },
  en: {
    'app.title': 'Waste Bank Kiosk',
    'app.skip': 'Skip to content',
    'lang.group': 'Language',
    'nav.label': 'Menu',
    'nav.weigh': 'Weigh',
    'nav.today': 'Today',
    'nav.signout': 'Sign out',
    'header.operator': 'Operator: {name}',
    'conn.online': 'Online',
    'conn.offline': 'Offline',
    'conn.waiting': '{n} waiting',

    'signin.title': 'Sign in',
    'signin.pick': 'Choose your name',
    'signin.pin': 'Enter the PIN for {name}',
    'signin.pinLabel': 'PIN',
    'signin.submit': 'Sign in',
    'signin.change': 'Change name',
    'signin.none': 'No operators yet. Ask the technician to add one (pontive-agent operators add).',
    'signin.ended': 'Your session ended. Please sign in again.',
    'signin.idle': 'Signed out after inactivity. Enter your PIN again.',

    'idle.title': 'Still there?',
    'idle.warning': ({ s }) => `No activity. You will be signed out in ${s} ${Number(s) === 1 ? 'second' : 'seconds'}.`,
    'idle.stay': 'Stay signed in',

    'keypad.back': 'Delete one',
    'keypad.clear': 'Clear',
    'keypad.letters': 'ABC',
    'keypad.digits': '123',
    'keypad.pin': 'PIN keypad',
    'keypad.member': 'Member number keypad',

    'weigh.title': 'Weigh',
    'weigh.weight': 'Weight',
    'weigh.stable': 'STABLE',
    'weigh.unstable': 'NOT STABLE',
    'weigh.noReading': 'NO READING',
    'weigh.announceStable': 'Stable weight: {kg}',
    'weigh.tare': 'Zero/Tare',
    'weigh.tared': 'The scale is zeroed.',
    'weigh.category': 'Category',
    'weigh.noCategories': 'No price table yet.',
    'weigh.member': 'Member number',
    'weigh.record': 'Record',
    'weigh.perKg': '{price}/kg',

    'why.noPrices': 'Cannot record yet: no price table from the city.',
    'why.scale': 'Cannot record: the scale is not reading.',
    'why.empty': 'Put the waste on the scale.',
    'why.unstable': 'Wait until the weight is STABLE.',
    'why.liftFirst': 'Take the recorded waste off the scale (or press Zero/Tare).',
    'why.category': 'Pick a category.',
    'why.member': 'Enter the member number.',
    'why.memberInvalid': 'Member number: letters, digits, "-", "_", "/" or ".", at most 32.',
    'why.busy': 'Recording…',
    'why.ready': 'Ready: {kg} × {price} = {value}',

    'receipt.title': 'Deposit receipt',
    'receipt.member': 'Member',
    'receipt.category': 'Category',
    'receipt.mass': 'Weight',
    'receipt.price': 'Price',
    'receipt.value': 'Value',
    'receipt.operator': 'Operator',
    'receipt.time': 'Time',
    'receipt.priceTable': 'Price table',
    'receipt.state': 'State',
    'receipt.thanks': 'Thank you for sorting your waste!',
    'receipt.print': 'Print',
    'receipt.next': 'Next deposit',
    'receipt.sameMember': 'Same member, another category',
    'receipt.back': 'Back to Today',
    'receipt.voided': 'VOIDED',
    'receipt.voidedReason': 'This deposit was voided and is not valid. Reason: {reason}',

    'state.waiting': 'Waiting',
    'state.sent': 'Sent',
    'state.stored': 'Stored',
    'state.refused': 'Refused',
    'state.voided': 'Voided',

    'today.title': 'Today',
    'today.deposits': 'Deposits',
    'today.empty': 'No deposits today yet.',
    'today.totals': 'Totals per category',
    'today.total': 'Total',
    'today.col.category': 'Category',
    'today.col.mass': 'Weight',
    'today.col.value': 'Value',
    'today.col.count': 'Deposits',
    'today.void': 'Void',
    'today.receipt': 'Receipt',
    'today.reason': 'Reason: {reason}',

    'void.title': 'Void deposit {code}?',
    'void.explain': 'The deposit is not erased: a correction with its reason is recorded and sent to the city.',
    'void.reason': 'Reason for voiding',
    'void.quick.category': 'Wrong category',
    'void.quick.weight': 'Wrong weight',
    'void.quick.member': 'Wrong member number',
    'void.quick.twice': 'Recorded twice',
    'void.confirm': 'Void the deposit',
    'void.cancel': 'Back',
    'void.done': 'Deposit {code} voided.',

    'banner.offline': ({ n }) => `Offline — ${n} ${Number(n) === 1 ? 'deposit' : 'deposits'} waiting to be sent`,
    'banner.offlineNone': 'Offline — deposits are still recorded on this device',
    'banner.unreachable': 'The kiosk cannot reach the device. Check its cable or Wi-Fi.',
    'banner.noPrices': 'No price table from the city yet — deposits cannot be recorded.',
    'banner.stale': 'Price table {version} (in effect since {date}) may be out of date. Contact the waste bank\'s manager.',
    'banner.outboxFull': 'The device\'s storage is nearly full — connect it to the network or call the technician.',
    'banner.scale': 'Scale problem: the device cannot read the scale. Take everything off, check its cable and power, then wait a moment. If it stays, call the technician.',
    'banner.scaleDetail': 'For the technician: {error}',
    'banner.nextPrices': 'New prices (version {version}) apply from {when}.',
    'banner.firstPrices': 'Price table {version} applies from {when}. Deposits cannot be recorded before then.',
    'prices.dayAt': '{date} at {time} WIB',

    'error.network': 'The device did not answer. Try again.',
    'error.status': 'Something went wrong (code {status}). Try again.',
  },
};

export const languages = Object.keys(strings);

const listeners = [];

function stored() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // Storage may be off (private mode): Indonesian, as by default.
  }
}

let current = languages.includes(stored()) ? stored() : 'id';

export function language() {
  return current;
}

export function t(key, values = {}) {
  const entry = strings[current][key] ?? strings.id[key];
  if (entry === undefined) {
    return key;
  }

  if (typeof entry === 'function') {
    return entry(values);
  }

  return entry.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** Picks the operator's language out of an answer's {error_id, error_en}. */
export function fromServer(body, fallbackKey, values) {
  const text = current === 'en' ? body?.error_en : body?.error_id;
  return text || t(fallbackKey, values);
}

export function translate(root = document) {
  document.documentElement.lang = current;
  for (const element of root.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }

  for (const element of root.querySelectorAll('[data-i18n-aria-label]')) {
    element.setAttribute('aria-label', t(element.dataset.i18nAriaLabel));
  }

  for (const element of root.querySelectorAll('[data-i18n-placeholder]')) {
    element.setAttribute('placeholder', t(element.dataset.i18nPlaceholder));
  }

  document.title = t('app.title');
}

export function setLanguage(next) {
  if (!languages.includes(next) || next === current) {
    return;
  }

  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered; the choice still holds until the page reloads.
  }

  translate();
  for (const listener of listeners) {
    listener(next);
  }
}

export function onLanguageChange(listener) {
  listeners.push(listener);
}
