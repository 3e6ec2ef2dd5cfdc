// The service's staff as the admin API lists them.

import { api } from '../worker/api';

export interface StaffMember {
  id: string;
  role: 'worker' | 'service_lead' | 'admin';
  display_name: string;
  email: string | null;
  active: boolean;
  young_people: number;
}

export const loadStaff = () => api.call<{ staff: StaffMember[] }>('GET', '/admin/staff').then((list) => list.staff);
