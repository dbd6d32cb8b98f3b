import { SetMetadata } from '@nestjs/common';
import { StaffArea } from './staff-role';

export const BACK_OFFICE_AREA = 'facegate:back-office-area';

/**
 * The part of the back office a controller or route belongs to: which staff roles may read it
 * (GET, and POSTs marked ReadOnlyPost) and change it (everything else). A route an administrator
 * token reaches without an area is for the `admin` role alone.
 */
export const BackOffice = (area: StaffArea) => SetMetadata(BACK_OFFICE_AREA, area);
