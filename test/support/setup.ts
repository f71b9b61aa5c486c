/** Every unit test starts with the English catalogue as the fake browser's i18n (useLocale('de') switches). */
import { useLocale } from './i18n';

await useLocale('en');
