import { startPwa } from './start';

/** Entry injected into index.html by pwaPlugin(); `pwaPlugin({ boot: false })` leaves startPwa() to the app. */
startPwa();
